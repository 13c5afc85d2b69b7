/**
 * The HTTP methods Bindery knows by name, in the order an `Allow` header lists them. Routes may
 * use other (extension) methods; those are listed after these, sorted. The router is the lowest
 * layer that needs the list, so it lives here; src/http/methods.ts adds the body rules.
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
 * What `allowed()` reports for a path that an `ANY_METHOD` route matches, sorted: the known
 * methods except CONNECT and TRACE, which address a proxy or echo the request, not a resource.
 */
export const STANDARD_METHODS: readonly string[] = HTTP_METHODS.filter(
  (m) => m !== 'CONNECT' && m !== 'TRACE',
).sort();
