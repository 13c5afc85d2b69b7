import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { parse as parseCookies } from 'cookie';
import type { BindSource } from '../../../src/binding/index.js';
import {
  type BodyLimits,
  BodyState,
  type EntityReader,
  parseContentType,
  resolveBodyLimits,
} from '../../../src/http/readers/index.js';

export interface FakeRequestOptions {
  method?: string;
  headers?: Record<string, string | string[]>;
  /** The body, sent in one chunk or in the given chunks. */
  body?: string | Buffer | readonly (string | Buffer)[];
  /** Sends no Content-Length (as a chunked request would). */
  chunked?: boolean;
  /** Breaks the stream off after the chunks, as a client that disconnects. */
  abort?: boolean;
}

/** An IncomingMessage stand-in: a readable stream of the body with method and headers. */
export function fakeRequest(options: FakeRequestOptions = {}): IncomingMessage {
  const chunks =
    options.body === undefined
      ? []
      : (Array.isArray(options.body) ? options.body : [options.body]).map((chunk: string | Buffer) =>
          typeof chunk === 'string' ? Buffer.from(chunk) : chunk,
        );
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  if (options.body !== undefined) {
    if (options.chunked === true) headers['transfer-encoding'] = 'chunked';
    else headers['content-length'] ??= String(chunks.reduce((n, c) => n + c.length, 0));
  }
  let sent = false;
  const stream = new Readable({
    read() {
      if (sent) return;
      sent = true;
      for (const chunk of chunks) this.push(chunk);
      if (options.abort === true) setImmediate(() => this.destroy());
      else this.push(null);
    },
  });
  return Object.assign(stream, {
    method: options.method ?? 'POST',
    url: '/',
    headers,
  }) as unknown as IncomingMessage;
}

export interface FakeSourceOptions extends FakeRequestOptions {
  params?: Record<string, unknown>;
  query?: string;
}

/** A BindSource as the pipeline's Context provides it; `cleanups` collects deferred work. */
export function fakeSource(
  options: FakeSourceOptions = {},
): BindSource & { cleanups: (() => unknown)[]; runCleanups(): Promise<void> } {
  const req = fakeRequest(options);
  const cleanups: (() => unknown)[] = [];
  let cookies: Record<string, string | undefined> | undefined;
  return {
    req,
    params: options.params ?? {},
    rawQuery: options.query ?? '',
    headers: req.headers,
    get cookies() {
      cookies ??= req.headers.cookie === undefined ? {} : parseCookies(req.headers.cookie);
      return cookies;
    },
    body: new BodyState(),
    defer(cleanup) {
      cleanups.push(cleanup);
    },
    cleanups,
    async runCleanups() {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    },
  };
}

export interface ReadOptions extends FakeRequestOptions {
  /** The Content-Type header value. */
  contentType: string;
  limits?: Partial<BodyLimits>;
  /** Collects deferred cleanups here (so a test can run them after a rejection). */
  cleanups?: (() => unknown)[];
}

/** Runs one reader over a fake request, as the binder would; returns the value and the state. */
export async function readWith(
  reader: EntityReader,
  options: ReadOptions,
): Promise<{ value: unknown; state: BodyState; cleanups: (() => unknown)[] }> {
  const req = fakeRequest({
    ...options,
    headers: { ...options.headers, 'content-type': options.contentType },
  });
  const parsed = parseContentType(options.contentType);
  if (parsed === undefined) throw new Error(`bad test content type ${options.contentType}`);
  const state = new BodyState();
  const cleanups = options.cleanups ?? [];
  const value = await reader.read(req, {
    contentType: parsed.type,
    params: parsed.params,
    limits: resolveBodyLimits(options.limits),
    body: state,
    defer: (cleanup) => cleanups.push(cleanup),
  });
  return { value, state, cleanups };
}
