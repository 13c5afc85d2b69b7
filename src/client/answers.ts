import type { SchemaLike, SchemaOutput } from '../binding/index.js';
import type { Result } from '../http/results.js';
import type { DeclaredResponse, RouteType } from '../service/route-types.js';
import type { Jsonify } from './json-value.js';
import type { Problem, ValidationProblem } from './problem.js';

/** One possible answer of a call: the status, whether it is a 2xx, the parsed body and the headers. */
export interface Answer<S extends number, B> {
  readonly status: S;
  readonly ok: `${S}` extends `2${string}` ? true : false;
  readonly body: B;
  readonly headers: Headers;
}

/** Statuses any route can answer by itself: no match, wrong method, not acceptable, failure, closing. */
export type RouteErrorStatus = 404 | 405 | 406 | 500 | 503;
/** Statuses a route with a body adds: too large, unsupported media type. */
export type BodyErrorStatus = 413 | 415;

type ProblemAnswers<S> = S extends 400
  ? Answer<400, ValidationProblem>
  : S extends number
    ? Answer<S, Problem<S>>
    : never;

type StreamLike = { pipe(...args: never[]): unknown } | { getReader(): unknown };

/** The answers a handler's result type gives, each at its status (`O`: the declared 200 value). */
export type HandlerAnswers<R, O> =
  R extends Result<infer B, infer S>
    ? Answer<S, Jsonify<B>>
    : R extends void
      ? Answer<204, undefined>
      : R extends Uint8Array | StreamLike
        ? Answer<200, Uint8Array>
        : Answer<200, Jsonify<[O] extends [never] ? R : O>>;

type Declared200<Ret> =
  Ret extends DeclaredResponse<200, infer S> ? (S extends SchemaLike ? SchemaOutput<S> : never) : never;

/** Statuses whose body a `.returns()` schema declares: the declaration wins over the handler's type. */
type SchemaStatuses<Ret> =
  Ret extends DeclaredResponse<infer N, infer S> ? (S extends SchemaLike ? N : never) : never;

type DeclaredAnswers<Ret> =
  Ret extends DeclaredResponse<infer N, infer S>
    ? number extends N
      ? never
      : S extends SchemaLike
        ? N extends 200
          ? never
          : Answer<N, Jsonify<SchemaOutput<S>>>
        : `${N}` extends `4${string}` | `5${string}`
          ? ProblemAnswers<N>
          : N extends 204 | 205 | 304
            ? Answer<N, undefined>
            : never
    : never;

type DeclaredStatus<Ret> = Ret extends DeclaredResponse<infer N> ? N : never;

/** What the framework itself may answer for a route: 400 when it binds input, 413/415 with a body. */
type FrameworkErrors<D, I> =
  | RouteErrorStatus
  | ([I] extends [never] ? ({} extends D ? never : 400) : 400)
  | ([I] extends [never] ? (D extends { body: unknown } ? BodyErrorStatus : never) : BodyErrorStatus);

/**
 * Every answer a route's call may resolve to, discriminated by `status`: each success with its
 * body type, each declared status, and each error status as a typed problem document. A route
 * without `.returns()` (most of them) takes the short branch: with nothing declared, the
 * exclusions and declared answers of the long one are all empty.
 */
export type AnswerOf<R> =
  R extends RouteType<infer M, string, infer D, infer Res, infer Ret, infer I>
    ? M extends 'HEAD'
      ? Answer<200, undefined> | ProblemAnswers<RouteErrorStatus | DeclaredStatus<Ret>>
      : [Ret] extends [never]
        ? HandlerAnswers<Res, never> | ProblemAnswers<FrameworkErrors<D, I>>
        :
            | Exclude<HandlerAnswers<Res, Declared200<Ret>>, { status: Exclude<SchemaStatuses<Ret>, 200> }>
            | DeclaredAnswers<Ret>
            | ProblemAnswers<Exclude<FrameworkErrors<D, I>, DeclaredStatus<Ret>>>
    : never;
