import type { ParamValue } from './macros.js';

/** Path parameters of a match, percent-decoded and typed by their macro. */
export type RouteParams = Readonly<Record<string, ParamValue>>;

/** What a lookup returns for a route; static routes keep one prebuilt, frozen instance. */
export interface FoundRoute<T> {
  readonly kind: 'found';
  readonly value: T;
  readonly params: RouteParams;
  readonly template: string;
}

export interface RedirectRoute {
  readonly kind: 'redirect';
  /** The canonical path, without the query string (the caller appends the request's). */
  readonly location: string;
}

export interface RejectedRoute {
  readonly kind: 'rejected';
  /** The `else` status of the first macro that failed. */
  readonly status: number;
  readonly param: string;
  readonly template: string;
}

export interface RouteNotFound {
  readonly kind: 'not-found';
}

export type LookupResult<T> = FoundRoute<T> | RedirectRoute | RejectedRoute | RouteNotFound;

export interface RouteMatch<T> {
  readonly value: T;
  readonly params: RouteParams;
}

export interface RouteEntry<T> {
  readonly method: string;
  readonly template: string;
  readonly value: T;
}
