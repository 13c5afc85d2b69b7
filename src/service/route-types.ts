/**
 * The type-level record of one route, collected while services are built so that a client can
 * be typed from the app's own declarations (binderyjs/client). It never exists at run time; the
 * client reads the method and template from it, the inputs from `bind` (or, for a controller
 * method, from the parameter the method declares) and the answers from `result` and `returns`.
 */
export interface RouteType<
  M extends string = string,
  T extends string = string,
  D = unknown,
  R = unknown,
  Ret = never,
  I = never,
> {
  readonly method: M;
  /** The full template: service root and sub-path joined as the router sees them. */
  readonly template: T;
  /** The bound declaration (`.bind()`), `{}` when nothing is bound. */
  readonly bind: D;
  /** What the handler answers, awaited: a value, a typed result, bytes, a stream or nothing. */
  readonly result: R;
  /** The responses declared with `.returns()`, as DeclaredResponse entries. */
  readonly returns: Ret;
  /** A controller method's own input type; `never` for builder routes, whose input is `bind`. */
  readonly input: I;
}

/** One `.returns(status, description, schema?)` as the route's type records it. */
export interface DeclaredResponse<N extends number = number, S = unknown> {
  readonly status: N;
  readonly schema: S;
}

type TrimSlash<R extends string> = R extends `${infer Base}/` ? Base : R;

/** A service root and a route sub-path joined exactly as `joinPath` joins them at run time. */
export type JoinPath<Root extends string, Sub extends string> = Sub extends '' | '/'
  ? TrimSlash<Root> extends ''
    ? '/'
    : TrimSlash<Root>
  : `${TrimSlash<Root>}${Sub extends `/${string}` ? Sub : `/${Sub}`}`;

/**
 * The routes a Container or WebService type carries (a union of RouteType), `never` for none.
 * Classes hold them in an optional method that is never defined: a method's parameter is
 * compared both ways, so a service with routes still passes where a plain `WebService` is asked.
 */
export type RoutesOf<X> = X extends { '~routes'?(routes: infer R): void } ? R : never;
