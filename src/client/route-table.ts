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

/** The route a method and a plain path reach: the method's own route wins over a `*` route. */
export type RouteAt<Table, M extends string, P extends string> = `${M} ${P}` extends keyof Table
  ? Table[`${M} ${P}`]
  : `* ${P}` extends keyof Table
    ? Table[`* ${P}`]
    : never;
