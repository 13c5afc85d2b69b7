import { withCode } from '../http/startup-error.js';

/**
 * What a request path with a trailing slash gets when only the path without it is routed:
 * `strict` treats them as different paths, `ignore` answers it as if the slash were absent, and
 * `redirect` asks the caller to redirect to the canonical path.
 */
export type TrailingSlashPolicy = 'strict' | 'ignore' | 'redirect';

export interface RouterOptions {
  /** Default `'ignore'`. */
  readonly trailingSlash?: TrailingSlashPolicy;
  /** Whether literal text compares case-sensitively; parameter values keep their case. Default true. */
  readonly caseSensitive?: boolean;
  /** Longest raw (still encoded) text a segment parameter may have; longer does not match. Default 100. */
  readonly maxParamLength?: number;
  /**
   * Whether lookups run matching code generated from the routes (default true) rather than an
   * interpreted walk of the same trie; both answer alike. Where the runtime forbids generating
   * code from strings, the router falls back to the walk by itself.
   */
  readonly codegen?: boolean;
  /**
   * Whether runs of slashes in a request path count as one (`//a///b` is `/a/b`). Default false:
   * an empty segment is then part of the path and matches no parameter.
   */
  readonly ignoreDuplicateSlashes?: boolean;
}

/** The method that registers a route for every method; a route for the request's own method wins. */
export const ANY_METHOD = '*';

export { STANDARD_METHODS } from './http-methods.js';

const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** HTTP methods are tokens (RFC 9110), compared case-sensitively. */
export function checkMethod(method: string): void {
  if (typeof method !== 'string' || !METHOD.test(method)) {
    throw withCode(
      new TypeError(`invalid HTTP method ${JSON.stringify(method)}`),
      'BND_ERR_ROUTE_DECLARATION',
    );
  }
}
