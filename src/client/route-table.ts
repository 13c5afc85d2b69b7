import type { RoutesOf, RouteType } from '../service/route-types.js';

/**
 * The routes an API type stands for: the routes a Container or WebService type carries, or a
 * union of RouteType given directly.
 */
export type ApiRoutes<Api> = [RoutesOf<Api>] extends [never]
  ? Extract<Api, RouteType<string, string, unknown, unknown, unknown, unknown>>
  : RoutesOf<Api>;

/** Drops text up to the `}` that closes the current parameter, counting nested braces. */
type AfterClose<S extends string, Depth extends unknown[] = []> = S extends `${infer Head}}${infer Rest}`
  ? Head extends `${string}{${infer Inner}`
    ? AfterClose<`${Inner}}${Rest}`, [...Depth, unknown]>
    : Depth extends [unknown, ...infer Outer]
      ? AfterClose<Rest, Outer>
      : Rest
  : '';

type ParamName<S extends string> = S extends `${infer Head}}${string}`
  ? Head extends `${infer Name}:${string}`
    ? Name
    : Head
  : S;

/**
 * A template as a caller writes it: each parameter by name only, its macro and functions left to
 * the server (`/shops/{shopId:int min(1)}/orders` → `/shops/{shopId}/orders`).
 */
export type PlainPath<T extends string> = T extends `${infer Head}{${infer Rest}`
  ? `${Head}{${ParamName<Rest>}}${PlainPath<AfterClose<Rest>>}`
  : T;

type RouteKey<R> = R extends {
  readonly method: infer M extends string;
  readonly template: infer T extends string;
}
  ? `${M} ${PlainPath<T>}`
  : never;

/** The routes keyed by `METHOD /plain/path`: built once per API type, then read by key. */
export type RouteTable<Routes> = { [R in Routes as RouteKey<R>]: R };

/** The plain paths a method can call: routes of that method and routes of any method (`*`). */
export type PathsOf<Table, M extends string> = keyof Table extends infer K
  ? K extends `${M | '*'} ${infer P}`
    ? P
    : never
  : never;

type MethodKey<R, M extends string> = R extends {
  readonly method: infer Verb extends string;
  readonly template: infer T extends string;
}
  ? Verb extends M | '*'
    ? PlainPath<T>
    : never
  : never;

/**
 * The routes one method can call, keyed by plain path (a `*` route and the method's own route on
 * the same path share a key; `Preferred` picks). The client reads it by indexing, which the
 * compiler answers from the table's members without comparing the key with every path: a lookup
 * through `keyof` would be recomputed, over all routes, for every call.
 */
export type MethodTable<Routes, M extends string> = TableOf<Extract<Routes, { readonly method: M | '*' }>, M>;

/** Keyed by plain path; built from the method's own routes so each lookup walks fewer types. */
type TableOf<Routes, M extends string> = { [R in Routes as MethodKey<R, M>]: R };

/** Of the routes at one key of a MethodTable, the method's own one, else the `*` one. */
export type Preferred<R, M extends string> = [Extract<R, { readonly method: M }>] extends [never]
  ? R
  : Extract<R, { readonly method: M }>;

/** The route a method and a plain path reach: the method's own route wins over a `*` route. */
export type RouteAt<Table, M extends string, P extends string> = `${M} ${P}` extends keyof Table
  ? Table[`${M} ${P}`]
  : `* ${P}` extends keyof Table
    ? Table[`* ${P}`]
    : never;
