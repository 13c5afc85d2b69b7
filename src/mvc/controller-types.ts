import type { BindDeclaration, BoundInput } from '../binding/index.js';
import type { Params } from '../router/index.js';
import type { JoinPath, RouteType } from '../service/route-types.js';

// The routes a controller's method names make, read by the type system with the same rules
// parseMethodName applies at run time, so `ws.controller(C)` can check each method against its
// template and a typed client can call it.

type Upper =
  | 'A'
  | 'B'
  | 'C'
  | 'D'
  | 'E'
  | 'F'
  | 'G'
  | 'H'
  | 'I'
  | 'J'
  | 'K'
  | 'L'
  | 'M'
  | 'N'
  | 'O'
  | 'P'
  | 'Q'
  | 'R'
  | 'S'
  | 'T'
  | 'U'
  | 'V'
  | 'W'
  | 'X'
  | 'Y'
  | 'Z';

/** splitWords at the type level: a capital starts a word, except inside a run of capitals. */
type SplitWords<
  S extends string,
  Prev extends string = '',
  Word extends string = '',
  Words extends string[] = [],
> = S extends `${infer C}${infer Rest}`
  ? C extends Upper
    ? Word extends ''
      ? SplitWords<Rest, C, C, Words>
      : Prev extends Upper
        ? Rest extends `${infer Next}${string}`
          ? Next extends Lowercase<Next>
            ? Next extends Uppercase<Next>
              ? SplitWords<Rest, C, `${Word}${C}`, Words>
              : SplitWords<Rest, C, C, [...Words, Word]>
            : SplitWords<Rest, C, `${Word}${C}`, Words>
          : SplitWords<Rest, C, `${Word}${C}`, Words>
        : SplitWords<Rest, C, C, [...Words, Word]>
    : SplitWords<Rest, C, `${Word}${C}`, Words>
  : [...Words, Word];

interface MethodWords {
  get: 'GET';
  post: 'POST';
  put: 'PUT';
  patch: 'PATCH';
  delete: 'DELETE';
  head: 'HEAD';
  options: 'OPTIONS';
  connect: 'CONNECT';
  trace: 'TRACE';
  any: '*';
}

/** The `By` segments declared in `static params` for a method, or the defaults. */
type DeclaredParams<P, K> = K extends keyof P
  ? P[K] extends string
    ? [P[K]]
    : P[K] extends readonly string[]
      ? P[K]
      : []
  : [];

type DefaultParam<Index extends unknown[], Wildcard extends boolean> = Wildcard extends true
  ? '{rest:path}'
  : Index extends []
    ? '{id}'
    : `{id${[...Index, unknown]['length']}}`;

/** The path of the words after the method word: literals lower-cased, `By` a parameter. */
type WordsPath<
  Words extends string[],
  Declared extends readonly string[],
  Index extends unknown[] = [],
> = Words extends [infer W extends string, ...infer Rest extends string[]]
  ? W extends 'By'
    ? Rest extends ['Wildcard']
      ? `/${ParamAt<Declared, Index, true>}`
      : `/${ParamAt<Declared, Index, false>}${WordsPath<Rest, Declared, [...Index, unknown]>}`
    : `/${Lowercase<W>}${WordsPath<Rest, Declared, Index>}`
  : '';

type ParamAt<
  Declared extends readonly string[],
  Index extends unknown[],
  Wildcard extends boolean,
> = Declared extends readonly [] ? DefaultParam<Index, Wildcard> : Declared[Index['length']] & string;

/** `[method, sub-path]` of a method name that is a route, never for other names. */
export type NameRoute<Name extends string, P> =
  SplitWords<Name> extends [infer First extends string, ...infer Rest extends string[]]
    ? First extends keyof MethodWords
      ? [
          MethodWords[First],
          WordsPath<Rest, DeclaredParams<P, Name>> extends infer Sub extends string
            ? Sub extends ''
              ? '/'
              : Sub
            : never,
        ]
      : never
    : never;

type Hooks = 'constructor' | 'beginRequest' | 'endRequest';
type Instance<C> = C extends abstract new (...args: never[]) => infer I ? I : never;
type StaticParams<C> = C extends { readonly params: infer P } ? P : {};
/** Names the class's own `static expose` lists (declared `as const`); other methods are not routes. */
type Exposed<C> = C extends { readonly expose: readonly (infer E)[] } ? E : never;
type NotExposed<C, K> = K extends Exposed<C> ? never : K;
type Method = (...args: never[]) => unknown;

/** What a method answers, awaited. */
type ResultOf<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

/** The first parameter a method declares (its input), `{}` when it takes none. */
type InputOf<F> = F extends (input: infer A, ...rest: never[]) => unknown ? (unknown extends A ? {} : A) : {};

/** The exposed instance methods routed by their names, each with its method and full template. */
type NamedRoutes<Root extends string, C> = {
  [K in keyof Instance<C> & string as K extends Hooks | NotExposed<C, K>
    ? never
    : Instance<C>[K] extends Method
      ? [NameRoute<K, StaticParams<C>>] extends [never]
        ? never
        : K
      : never]: NameRoute<K, StaticParams<C>> extends [infer M extends string, infer Sub extends string]
    ? RouteType<M, JoinPath<Root, Sub>, {}, ResultOf<Instance<C>[K]>, never, InputOf<Instance<C>[K]>>
    : never;
};

/** Whether a method's declared `path` input is what its template gives. */
type PathFits<R> =
  R extends RouteType<string, infer T, unknown, unknown, unknown, infer I>
    ? I extends { path: infer Declared }
      ? Params<T> extends Declared
        ? true
        : false
      : true
    : true;

type Misfits<Routes> = { [K in keyof Routes]: PathFits<Routes[K]> extends true ? never : K }[keyof Routes];

declare module '../service/web-service.js' {
  interface ControllerTyping<Root extends string, C> {
    routes: NamedRoutes<Root, C>[keyof NamedRoutes<Root, C>];
    check: [Misfits<NamedRoutes<Root, C>>] extends [never]
      ? unknown
      : {
          '~methods whose path input does not fit their template (give static params `as const`)': Misfits<
            NamedRoutes<Root, C>
          >;
        };
  }
}

/** The input a decorated method receives: the declaration's bound values, path from the route's template. */
export type DecoratedInput<P extends string, O> = BoundInput<
  O extends { readonly bind: infer D extends BindDeclaration } ? D : {},
  Params<P>
>;
