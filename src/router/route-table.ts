import type { LookupResult } from './lookup-result.js';
import type { TrailingSlashPolicy } from './router-options.js';

/**
 * What a container routes through: exactly the calls it makes. `Router` is the implementation a
 * container uses unless told otherwise; any other passes the same conformance suite.
 */
export interface RouteTable<T> {
  /**
   * Registers `value` for `method` (or `'*'`, every method) and `template`. Throws for a
   * malformed template and for a route of the same method and shape already registered.
   */
  add(method: string, template: string, value: T): void;
  /** Removes the route registered with exactly this method and template; false when there is none. */
  remove(method: string, template: string): boolean;
  /** The answer for a request: found (with typed params), redirect, rejected or not-found. */
  lookup(method: string, path: string): LookupResult<T>;
  /** The methods whose routes match `path`, sorted, for a 405's `Allow` and for OPTIONS. */
  allowed(path: string): readonly string[];
}

/** The container's routing settings, handed to a route table factory. */
export interface RouteTableSettings {
  readonly trailingSlash?: TrailingSlashPolicy;
  readonly caseSensitive?: boolean;
  /** Longest raw text of a segment parameter (the container's `limits.paramLength`). */
  readonly maxParamLength: number;
}

/**
 * Makes an empty route table. A container calls it once for its default routes and once per
 * host pattern, so it must return a new table each time.
 */
export type RouteTableFactory = <T>(settings: RouteTableSettings) => RouteTable<T>;
