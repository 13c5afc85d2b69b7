import type { IncomingMessage } from 'node:http';
import secureJson from 'secure-json-parse';
import { httpError } from '../http-error.js';
import { defaultBodyLimits } from './body-limits.js';
import { isUtf8Charset, unsupportedCharset, utf8Text } from './charset.js';
import type { EntityReader, ReaderContext } from './entity-reader.js';
import { jsonDepthExceeded, jsonTooDeep } from './json-depth.js';
import { jsonErrorPosition, lineAndColumn } from './json-error-position.js';
import { readRawBodyThen } from './raw-body.js';

const parseOptions = { protoAction: 'error', constructorAction: 'error' } as const;

/**
 * Parses JSON text. `__proto__` and `constructor.prototype` keys are refused (a 400), because an
 * object carrying them can poison prototypes once merged into another. A syntax error names
 * its offset, line and column. Nesting deeper than `maxDepth` is refused before parsing (a 400).
 */
export function parseJson(text: string, maxDepth: number = defaultBodyLimits.jsonDepth): unknown {
  const deep = jsonDepthExceeded(text, maxDepth);
  if (deep !== -1) throw jsonTooDeep(maxDepth, deep);
  try {
    // A poisoning key is spelled out or escaped (`\u005f_proto__`); a text with neither spelling
    // skips the scan, which costs about half as much again as the parse itself.
    if (!text.includes('proto') && !text.includes('constructor') && !text.includes('\\u'))
      return JSON.parse(text);
    return secureJson.parse(text, null, parseOptions);
  } catch {
    const position = jsonErrorPosition(text);
    if (position === -1) {
      throw httpError(
        'BND_ERR_MALFORMED_BODY',
        'The JSON body contains a forbidden "__proto__" or "constructor.prototype" key',
      );
    }
    const { line, column } = lineAndColumn(text, position);
    // V8's own message quotes the text, which may be large and is the client's data anyway.
    const found = text.codePointAt(position);
    const reason =
      found === undefined
        ? 'unexpected end of the body'
        : `unexpected ${JSON.stringify(String.fromCodePoint(found))}`;
    throw httpError(
      'BND_ERR_MALFORMED_BODY',
      `The JSON body is malformed at position ${position} (line ${line}, column ${column}): ${reason}`,
      { extensions: { position, line, column } },
    );
  }
}

// Not an async function: its own promise and await would add a step to every JSON request.
function readJson(req: IncomingMessage, ctx: ReaderContext): Promise<unknown> {
  if (!isUtf8Charset(ctx.params.charset)) {
    return Promise.reject(unsupportedCharset(ctx.contentType, ctx.params.charset!));
  }
  // Parsed as the read ends, in its own step: no second promise waits on the bytes.
  return readRawBodyThen(req, ctx.limits.bodySize, ctx.body, (bytes) =>
    bytes.length === 0 ? undefined : parseJson(utf8Text(bytes, ctx.contentType), ctx.limits.jsonDepth),
  );
}

/** `application/json`, and through the registry's suffix rule every `+json` type. */
export function jsonReader(mediaTypes: readonly string[] = ['application/json']): EntityReader {
  return { mediaTypes, read: readJson };
}
