import type { IncomingMessage } from 'node:http';
import { httpError } from '../http-error.js';
import { StartupError } from '../startup-error.js';
import { formatBytes } from './body-limits.js';
import type { BodyState } from './body-state.js';
import { decodedBody } from './decoded-stream.js';

/**
 * The whole body as bytes, Content-Encoding decoded, at most `limit` bytes after decoding (so a
 * small gzip bomb stops at the limit instead of filling memory). The bytes are cached on `body`,
 * so a second call (a signature check after binding) gets them without touching the stream.
 * Fails with 413 over the limit, 415 for an unknown coding, 400 for a body that ends early or
 * does not decode.
 */
export function readRawBody(req: IncomingMessage, limit: number, body: BodyState): Promise<Buffer> {
  if (body.raw !== undefined) return Promise.resolve(body.raw);
  if (body.pending !== undefined) return body.pending;
  if (body.streamed) return Promise.reject(consumed());
  const read = collect<Buffer>(req, limit, body, undefined);
  // An empty stream that had already ended resolves at once, with the bytes already kept.
  if (body.raw === undefined) body.pending = read;
  return read;
}

/**
 * `readRawBody`, then `use` on the bytes in the same step: the read's one promise settles with
 * what `use` returns (or rejects with what it throws), instead of a second promise waiting on
 * the first. A reader started meanwhile still shares the read (`body.pending` is made for it).
 */
export function readRawBodyThen<T>(
  req: IncomingMessage,
  limit: number,
  body: BodyState,
  use: (bytes: Buffer) => T,
): Promise<T> {
  if (body.raw === undefined && body.pending === undefined && !body.streamed) {
    return collect<T>(req, limit, body, use);
  }
  return readRawBody(req, limit, body).then(use);
}

/** Keeps the bytes on the body state as the read resolves (no promise of its own for that). */
function kept(body: BodyState, bytes: Buffer): Buffer {
  body.raw = bytes;
  body.pending = undefined;
  return bytes;
}

const empty = Buffer.alloc(0);

/** Reads the body: settles with `use(bytes)`, or with the bytes when `use` is undefined (then T is Buffer). */
function collect<T>(
  req: IncomingMessage,
  limit: number,
  body: BodyState,
  use: ((bytes: Buffer) => T) | undefined,
): Promise<T> {
  let decoded: ReturnType<typeof decodedBody>;
  try {
    decoded = decodedBody(req);
  } catch (error) {
    return Promise.reject(error);
  }
  const { stream, decoder, coding } = decoded;
  if (decoder === undefined) {
    // Without a coding the declared length is the decoded length: refuse before reading a byte.
    const length = Number(req.headers['content-length']);
    if (length > limit) return Promise.reject(tooLarge(limit));
    if (req.readableEnded) {
      kept(body, empty);
      if (use === undefined) return Promise.resolve(empty as T);
      try {
        return Promise.resolve(use(empty));
      } catch (error) {
        return Promise.reject(error);
      }
    }
  }
  if (use !== undefined) body.readStarted();
  return new Promise<T>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) fail(tooLarge(limit));
      else chunks.push(chunk);
    };
    // The listeners stay on after the end: no event can follow it but `close` and a late
    // `error`, which find the read settled and do nothing, and taking four listeners off two
    // emitters cost more than the rest of the read.
    const onEnd = () => {
      if (settled) return;
      settled = true;
      const bytes = kept(body, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
      if (use === undefined) {
        resolve(bytes as T);
        return;
      }
      body.readEnded(bytes);
      try {
        resolve(use(bytes));
      } catch (error) {
        reject(error);
      }
    };
    const onAbort = () => fail(aborted());
    // A request that closes before its end was cut off (the client went away, or it was destroyed).
    const onClose = () => {
      if (!req.readableEnded) fail(aborted());
    };
    const onUndecodable = () => fail(undecodable(coding));
    function fail(error: Error): void {
      if (settled) return;
      settled = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onClose);
      decoder?.off('error', onUndecodable);
      if (decoder !== undefined) {
        req.unpipe(decoder);
        decoder.destroy();
      }
      // Stop reading; the server discards or closes the rest once the answer is sent.
      req.pause();
      if (use !== undefined) body.readEnded(undefined, error);
      reject(error);
    }
    // Listeners rather than stream.finished(): it costs several microseconds a request, and these
    // four events are all a body read needs to tell an end from a break.
    stream.on('data', onData);
    stream.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onClose);
    decoder?.on('error', onUndecodable);
  });
}

function consumed(): Error {
  return new StartupError(
    'BND_ERR_BODY_CONSUMED',
    'the request body was streamed by a multipart reader and its bytes were not kept',
  );
}

function tooLarge(limit: number): Error {
  return httpError(
    'BND_ERR_PAYLOAD_TOO_LARGE',
    `The request body is larger than the ${formatBytes(limit)} limit`,
  );
}

function aborted(): Error {
  return httpError('BND_ERR_BAD_REQUEST', 'The request body ended before all of it was received');
}

function undecodable(coding: string): Error {
  return httpError('BND_ERR_MALFORMED_BODY', `The request body is not valid ${coding} data`);
}
