import type { IncomingHttpHeaders } from 'node:http';

export { HTTP_METHODS, type HttpMethod, STANDARD_METHODS } from '../router/http-methods.js';

const bodiless: ReadonlySet<string> = new Set<string>([
  'GET',
  'HEAD',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'CONNECT',
]);

/**
 * Whether requests of `method` carry no body by convention: a route must opt in to bind one,
 * a body without Content-Type is not refused for them, OpenAPI documents no request body, and
 * an outgoing call sends none.
 */
export function bodilessMethod(method: string): boolean {
  return bodiless.has(method);
}

/** Whether a request carries a body at all: a declared length above zero, or a chunked one. */
export function requestHasBody(headers: IncomingHttpHeaders): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return length !== undefined && Number(length) > 0;
}
