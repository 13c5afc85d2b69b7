import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { compressPayload, compressStream } from './compression.js';
import type { Context } from './context.js';
import { setHeaderChecked } from './header-values.js';
import type { HttpError, ProblemDetails } from './http-error.js';
import { PROBLEM_JSON, Result } from './results.js';
import { StartupError } from './startup-error.js';
import { isJsonMediaType, type WriterRegistry } from './writers.js';

/** Serializes a value for a media type, failing loudly when no writer serves it. */
export type Serialize = (value: unknown, mediaType: string) => string | Buffer;

export function serializerFor(writers: WriterRegistry): Serialize {
  return (value, mediaType) => {
    const writer = writers.find(mediaType);
    if (writer === undefined)
      throw new StartupError('BND_ERR_MEDIA_TYPE', `no entity writer for ${mediaType}`);
    return writer.write(value, mediaType);
  };
}

function isNodeReadable(value: unknown): value is Readable {
  return value instanceof Readable;
}

function isWebStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof ReadableStream !== 'undefined' && value instanceof ReadableStream;
}

/**
 * The body's text in `type`: through the route's compiled serializer when it declared a schema
 * for `status` and the type is JSON, else through the writer registry.
 */
function serializeBody(
  ctx: Context<unknown>,
  body: unknown,
  status: number,
  type: string,
  serialize: Serialize,
): string | Buffer {
  const compiled = ctx.route?.serializers;
  if (compiled !== undefined) {
    const own = status === 200 ? compiled.ok : compiled.get(status);
    if (own !== undefined && isJsonMediaType(type)) return own(body);
  }
  return serialize(body, type);
}

/**
 * Sets every header of a map (a Result's, an HttpError's) on the response. When one is refused,
 * those already set are taken back, so the 400 that follows carries none of them.
 */
export function applyHeaders(res: ServerResponse, headers: Result['headers']): void {
  if (headers === undefined) return;
  for (const name in headers) {
    try {
      setHeaderChecked(res, name, headers[name] as string | number | string[]);
    } catch (error) {
      for (const set in headers) {
        if (set === name) break;
        res.removeHeader(set);
      }
      throw error;
    }
  }
}

function byteLength(payload: string | Buffer): number {
  return typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
}

/**
 * Starts and ends an answer whose body is known whole. One writeHead with both headers is
 * Node's cheapest way to start an answer; headers set earlier by filters are merged in by Node.
 * `contentType` is undefined when a filter or handler already set one.
 */
function writePayload(
  res: ServerResponse,
  status: number,
  contentType: string | undefined,
  payload: string | Buffer,
  head: boolean,
): undefined {
  const length = byteLength(payload);
  // A flat [name, value, …] list spares Node the key enumeration an object costs.
  res.writeHead(
    status,
    contentType === undefined
      ? ['content-length', length]
      : ['content-type', contentType, 'content-length', length],
  );
  if (head) res.end();
  else res.end(payload);
  return undefined;
}

const bodiless = (status: number) => status === 204 || status === 304 || (status >= 100 && status < 200);

/**
 * Writes what the handler answered: a Result, a plain value, bytes or a stream, in the media
 * type chosen by negotiation. HEAD answers get the same headers and no body.
 */
export function sendResult(
  ctx: Context<unknown>,
  value: unknown,
  serialize: Serialize,
): Promise<void> | undefined {
  if (ctx.compression === undefined) {
    if (isPlainData(value)) {
      if (!bodiless(ctx.status)) return sendData(ctx, value, ctx.status, serialize);
    } else if (isPlainResult(value)) {
      return sendData(ctx, value.body, value.status, serialize);
    }
  }
  const res = ctx.res;
  let status = ctx.status;
  let body = value;
  let type = ctx.responseType ?? 'application/json';
  if (value instanceof Result) {
    status = value.status;
    body = value.body;
    applyHeaders(res, value.headers);
    if (value.contentType !== undefined) type = value.contentType;
  } else if (value === undefined && status === 200) {
    status = 204;
  }
  res.statusCode = status;
  if (body === undefined || bodiless(status)) {
    if (!bodiless(status)) res.setHeader('content-length', 0);
    res.end();
    return undefined;
  }
  const head = ctx.method === 'HEAD';
  if (isNodeReadable(body) || isWebStream(body)) {
    if (!res.hasHeader('content-type'))
      res.setHeader('content-type', type === 'application/json' ? 'application/octet-stream' : type);
    const source = isWebStream(body)
      ? Readable.fromWeb(body as import('node:stream/web').ReadableStream)
      : body;
    if (head) {
      source.destroy();
      res.end();
      return undefined;
    }
    const settings = ctx.compression;
    const encoder =
      settings === undefined
        ? undefined
        : compressStream(
            res,
            String(res.getHeader('content-type')),
            ctx.req.headers['accept-encoding'],
            settings,
          );
    return encoder === undefined ? pipeline(source, res) : pipeline(source, encoder, res);
  }
  let payload: string | Buffer;
  let contentType: string | undefined;
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) {
    if (!res.hasHeader('content-type'))
      contentType = type === 'application/json' ? 'application/octet-stream' : type;
    payload = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  } else {
    payload = serializeBody(ctx, body, status, type, serialize);
    if (!res.hasHeader('content-type')) contentType = contentTypeHeader(type);
  }
  if (ctx.compression !== undefined && !head) {
    if (contentType !== undefined) res.setHeader('content-type', contentType);
    return sendCompressed(ctx, payload, type);
  }
  return writePayload(res, status, contentType, payload, head);
}

/**
 * A plain object or array: what most handlers return, and never a stream, bytes or a Result.
 * Read from `constructor`, which the compiler answers from the object's shape, rather than
 * `Object.getPrototypeOf`, which calls into the runtime on every answer. Anything this turns away
 * (an own `constructor` key, say) still goes the general way, which writes it the same.
 */
function isPlainData(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const made = (value as { constructor?: unknown }).constructor;
  if (made === Object || made === Array) return true;
  return made === undefined && Object.getPrototypeOf(value) === null;
}

/**
 * A Result that only sets a status (`created(order)`) on a plain object or array: written as the
 * plain value is, with its status.
 */
function isPlainResult(value: unknown): value is Result<object> {
  return (
    value instanceof Result &&
    value.headers === undefined &&
    value.contentType === undefined &&
    isPlainData(value.body) &&
    !bodiless(value.status)
  );
}

/** The common answer, without the checks for streams, bytes and typed results. */
function sendData(ctx: Context<unknown>, value: object, status: number, serialize: Serialize): undefined {
  const res = ctx.res;
  const type = ctx.responseType ?? 'application/json';
  const payload = serializeBody(ctx, value, status, type, serialize);
  const contentType = res.hasHeader('content-type') ? undefined : contentTypeHeader(type);
  return writePayload(res, status, contentType, payload, ctx.method === 'HEAD');
}

async function sendCompressed(ctx: Context<unknown>, payload: string | Buffer, type: string): Promise<void> {
  const res = ctx.res;
  const out = await compressPayload(res, payload, type, ctx.req.headers['accept-encoding'], ctx.compression!);
  res.setHeader('content-length', byteLength(out));
  res.end(out);
}

const charsetCache = new Map<string, string>();
// The last type asked and its header: answers mostly repeat one type, compared here by identity.
let lastType = 'application/json';
let lastHeader = 'application/json';

/** Adds `charset=utf-8` to text types (JSON is UTF-8 by definition and takes none), once per type. */
function contentTypeHeader(type: string): string {
  if (type === lastType) return lastHeader;
  let header = charsetCache.get(type);
  if (header === undefined) {
    header = type.startsWith('text/') ? `${type}; charset=utf-8` : type;
    charsetCache.set(type, header);
  }
  lastType = type;
  lastHeader = header;
  return header;
}

/**
 * Writes a problem document; the status and extra headers come from the error, the `type` of an
 * application's code from the container's `problemTypeBase`.
 */
export function sendProblem(
  res: ServerResponse,
  error: HttpError,
  instance?: string,
  head = false,
  problemTypeBase?: string,
): void {
  const problem: ProblemDetails = error.toProblem(instance, problemTypeBase);
  applyHeaders(res, error.headers);
  writePayload(res, error.status, PROBLEM_JSON, JSON.stringify(problem), head);
}
