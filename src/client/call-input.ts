import type { SchemaInput } from '../binding/index.js';
import type { Params } from '../router/index.js';
import type { RouteType } from '../service/route-types.js';
import type { HeadersLike } from './headers-like.js';

type Flatten<T> = { [K in keyof T]: T[K] } & {};
type Override<A, B> = Flatten<{ [K in keyof A as K extends keyof B ? never : K]: A[K] } & B>;

/**
 * One part of a call's input: left out when the route does not take it (`never`), optional when
 * nothing in it is required, required otherwise. The parts are joined by one intersection and
 * flattened once; building them from mapped types over all five names cost twice the work.
 */
type Slot<K extends string, V> = [V] extends [never]
  ? {}
  : undefined extends V
    ? { [P in K]?: V }
    : {} extends V
      ? { [P in K]?: V }
      : { [P in K]: V };

/** The template's parameters (typed by macro), a bound path schema refining them. */
type PathInput<T extends string, D> = keyof Params<T> extends never
  ? never
  : D extends { path: infer S }
    ? Override<Params<T>, SchemaInput<S>>
    : Params<T>;

type SourceInput<D, K extends string> = D extends { [P in K]: infer S } ? SchemaInput<S> : never;

/** A controller method's declared input for one source. */
type DeclaredPart<I, K extends string> = I extends { [P in K]: infer V } ? V : never;

/**
 * What a call sends: path parameters by name, then each source the route binds, in the types a
 * caller writes (schema inputs: defaults and optionals may be left out, files are Blobs).
 * Sources the route does not bind are not part of the call. Not distributive on purpose: while
 * a call's path is still being inferred, the compiler reads this type for its argument with the
 * route unknown, and a distributive form would then be computed for every route of the method.
 */
export type CallInput<R> = [R] extends [RouteType<string, infer T, infer D, unknown, unknown, infer I>]
  ? [I] extends [never]
    ? Flatten<
        Slot<'path', PathInput<T, D>> &
          Slot<'query', SourceInput<D, 'query'>> &
          Slot<'headers', SourceInput<D, 'headers'>> &
          Slot<'cookies', SourceInput<D, 'cookies'>> &
          Slot<'body', SourceInput<D, 'body'>>
      >
    : Flatten<
        Slot<'path', keyof Params<T> extends never ? never : Params<T>> &
          Slot<'query', DeclaredPart<I, 'query'>> &
          Slot<'headers', DeclaredPart<I, 'headers'>> &
          Slot<'cookies', DeclaredPart<I, 'cookies'>> &
          Slot<'body', DeclaredPart<I, 'body'>>
      >
  : never;

/** Per-call options beside the route's inputs. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Extra headers for this call (they win over the client's). */
  headers?: HeadersLike;
  /**
   * How a body is sent: JSON unless it holds a Blob (then multipart); `form` sends it as
   * `application/x-www-form-urlencoded`, for routes that consume only forms.
   */
  bodyAs?: 'json' | 'form' | 'multipart';
}

/** The arguments after the path: the input (optional when nothing in it is required), then options. */
export type CallArgs<R> =
  {} extends CallInput<R>
    ? [input?: CallInput<R>, options?: CallOptions]
    : [input: CallInput<R>, options?: CallOptions];
