import type { BindingMetadata } from '../binding-component.js';

/** What the app answered to one delivered event or probe. */
export interface AppAnswer {
  readonly status: number;
  readonly body: Uint8Array;
}

/**
 * How input events reach the app: through the app's Container in process, or over HTTP to a
 * separate app (the sidecar's `--app-port`). Both speak Dapr's protocol: `POST /<route>` with
 * the event data as the body and its metadata as headers, and an `OPTIONS /<route>` probe.
 */
export interface AppChannel {
  /** For logs: `in process` or the app's address. */
  readonly description: string;
  /** `signal` aborts the delivery (an inbound timeout) where the channel can. */
  post(
    path: string,
    body: Uint8Array,
    headers: Readonly<Record<string, string>>,
    signal?: AbortSignal,
  ): Promise<AppAnswer>;
  options(path: string, signal: AbortSignal): Promise<number>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FORBIDDEN_VALUE = /[\r\n\0]/;
/** Headers that frame or route the request itself; an event's metadata must not set them. */
const FRAMING = new Set([
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'host',
  'upgrade',
  'expect',
  'te',
  'trailer',
]);

/**
 * An event's metadata as request headers, the way daprd sends them: every key as a header,
 * `Content-Type: application/json` whatever the data is. Values travel as their UTF-8 bytes (a
 * Go server sends them so); keys that are not header names, values that would break the header
 * block, and framing headers are left out.
 */
export function eventHeaders(metadata: Readonly<BindingMetadata>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (!TOKEN.test(key) || FORBIDDEN_VALUE.test(value) || FRAMING.has(key.toLowerCase())) continue;
    headers[key] = Buffer.from(value, 'utf8').toString('latin1');
  }
  headers['content-type'] = 'application/json';
  return headers;
}

/** `orders`, `/orders` and `orders/` all name the route `/orders`. */
export function routePath(route: string): string {
  const trimmed = route.trim().replace(/^\/+/, '');
  return `/${trimmed}`;
}
