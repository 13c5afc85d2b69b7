import type { IncomingMessage } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { httpError } from '../http-error.js';

/** The body stream with its Content-Encoding undone; 415 for a coding Bindery cannot decode. */
export interface DecodedBody {
  readonly stream: Readable;
  /** The decoder between the request and `stream`, if any (undefined for identity). */
  readonly decoder: Transform | undefined;
  /** The coding's name for error details (`gzip`), '' for identity. */
  readonly coding: string;
}

export function decodedBody(req: IncomingMessage): DecodedBody {
  const header = req.headers['content-encoding'];
  const coding = header === undefined ? '' : header.trim().toLowerCase();
  if (coding === '' || coding === 'identity') return { stream: req, decoder: undefined, coding: '' };
  let decoder: Transform;
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      decoder = createGunzip();
      break;
    case 'deflate':
      decoder = createInflate();
      break;
    case 'br':
      decoder = createBrotliDecompress();
      break;
    default:
      throw httpError(
        'BND_ERR_UNSUPPORTED_MEDIA_TYPE',
        `Content-Encoding ${header} is not supported; send the body as identity, gzip, deflate or br`,
      );
  }
  // Readers listen for decoding errors while they read; this keeps a late one from going unhandled.
  decoder.on('error', () => {});
  req.pipe(decoder);
  return { stream: decoder, decoder, coding };
}
