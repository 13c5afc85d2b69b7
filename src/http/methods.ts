import type { IncomingHttpHeaders } from 'node:http';

/**
 * The HTTP methods Bindery knows by name, in the order an `Allow` header lists them. Routes may
 * use other (extension) methods; those are listed after these, sorted.
 */
export const HTTP_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'CONNECT',
  'TRACE',
] as const;

export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * What a route registered for every method (`*`) reports for a path, sorted: the known methods
 * except CONNECT and TRACE, which address a proxy or echo the request rather than a resource.
 */
export const STANDARD_METHODS: readonly string[] = HTTP_METHODS.filter(
  (m) => m !== 'CONNECT' && m !== 'TRACE',
).sort();

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
