import type { IncomingMessage } from 'node:http';
import { isUtf8Charset, unsupportedCharset, utf8Text } from './charset.js';
import type { EntityReader, ReaderContext } from './entity-reader.js';
import { readRawBody } from './raw-body.js';
import { parseUrlEncoded } from './url-encoded.js';

async function readForm(req: IncomingMessage, ctx: ReaderContext): Promise<unknown> {
  if (!isUtf8Charset(ctx.params.charset)) throw unsupportedCharset(ctx.contentType, ctx.params.charset!);
  const bytes = await readRawBody(req, ctx.limits.bodySize, ctx.body);
  if (bytes.length === 0) return undefined;
  return parseUrlEncoded(utf8Text(bytes, ctx.contentType), ctx.limits.fields);
}

/** `application/x-www-form-urlencoded` as a form record, coerced by the binder like a query. */
export function urlencodedReader(
  mediaTypes: readonly string[] = ['application/x-www-form-urlencoded'],
): EntityReader {
  return { mediaTypes, form: true, read: readForm };
}
