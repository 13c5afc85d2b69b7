import type { IncomingHttpHeaders, RequestListener } from 'node:http';

export interface InjectOptions {
  method?: string;
  /** Path and query: `/orders?page=2`. */
  url: string;
  headers?: Record<string, string | string[]>;
  /** A string or bytes are sent as they are; any other value as JSON (Content-Type set when absent). */
  body?: unknown;
  cookies?: Record<string, string>;
  remoteAddress?: string;
}

/** An in-process answer, read the way a test reads one. */
export interface InjectResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly rawBody: Buffer;
  json<T = unknown>(): T;
}

/** Sends one request through a node:http listener without a socket. */
export async function injectRequest(
  listener: RequestListener,
  options: InjectOptions,
): Promise<InjectResponse> {
  const headers: Record<string, string | string[]> = { ...options.headers };
  let payload: string | Buffer | undefined;
  if (options.body !== undefined) {
    if (typeof options.body === 'string' || Buffer.isBuffer(options.body)) {
      payload = options.body;
    } else if (options.body instanceof Uint8Array) {
      payload = Buffer.from(options.body.buffer, options.body.byteOffset, options.body.byteLength);
    } else {
      payload = JSON.stringify(options.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
    }
  }
  // Loaded on first use: a service in production never injects, and need not load it.
  const { default: lightInject } = await import('light-my-request');
  const response = await lightInject(listener, {
    method: (options.method ?? 'GET').toUpperCase(),
    url: options.url,
    headers,
    ...(payload === undefined ? {} : { payload }),
    ...(options.cookies === undefined ? {} : { cookies: options.cookies }),
    ...(options.remoteAddress === undefined ? {} : { remoteAddress: options.remoteAddress }),
  });
  const rawBody = response.rawPayload;
  return {
    status: response.statusCode,
    headers: response.headers as IncomingHttpHeaders,
    body: response.payload,
    rawBody,
    json<T>() {
      return JSON.parse(response.payload) as T;
    },
  };
}
