import type { IncomingMessage } from 'node:http';
import { TextDecoder } from 'node:util';
import { httpError } from '../http-error.js';
import { unsupportedCharset } from './charset.js';
import type { EntityReader, ReaderContext } from './entity-reader.js';
import { readRawBody } from './raw-body.js';

async function readText(req: IncomingMessage, ctx: ReaderContext): Promise<unknown> {
  const charset = ctx.params.charset ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true, ignoreBOM: false });
  } catch {
    throw unsupportedCharset(ctx.contentType, charset, 'a charset the WHATWG Encoding standard names');
  }
  const bytes = await readRawBody(req, ctx.limits.bodySize, ctx.body);
  if (bytes.length === 0) return undefined;
  try {
    return decoder.decode(bytes);
  } catch {
    throw httpError('BND_ERR_MALFORMED_BODY', `The ${ctx.contentType} body is not valid ${charset}`);
  }
}

/** `text/plain` (and any other text type you list) as a string, decoded by its charset. */
export function textReader(mediaTypes: readonly string[] = ['text/plain']): EntityReader {
  return { mediaTypes, read: readText };
}
