import type { IncomingMessage } from 'node:http';
import type { EntityReader, ReaderContext } from './entity-reader.js';
import { readRawBody } from './raw-body.js';

async function readOctets(req: IncomingMessage, ctx: ReaderContext): Promise<unknown> {
  const bytes = await readRawBody(req, ctx.limits.bodySize, ctx.body);
  return bytes.length === 0 ? undefined : bytes;
}

/** `application/octet-stream` as a Buffer (a `t.Uint8Array()` body schema accepts it). */
export function octetStreamReader(
  mediaTypes: readonly string[] = ['application/octet-stream'],
): EntityReader {
  return { mediaTypes, read: readOctets };
}
