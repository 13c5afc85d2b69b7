import type { Readable } from 'node:stream';
import type {
  BindDeclaration,
  BinderOptions,
  BoundInput,
  SchemaLike,
  SchemaOutput,
} from '../binding/index.js';
import type { Context } from '../http/context.js';
import type { ErrorCode } from '../http/error-codes.js';
import type { RouteLimits } from '../http/limits.js';
import type { Result } from '../http/results.js';
import { StartupError } from '../http/startup-error.js';
import type { InjectionKey, Provider, Resolved } from '../inject/index.js';
import type { Params } from '../router/index.js';
import type { Filter } from './filter.js';
import type { DepsDeclaration, RouteSpec, StoredHandler } from './route-spec.js';
import type { DeclaredResponse, RouteType } from './route-types.js';
import type { SecurityUse } from './security-scheme.js';
import type { WebService } from './web-service.js';

/**
 * What a handler may answer once its 200 response has a schema whose value type is `O`: that
 * value, a typed result (any status), bytes, a stream or nothing, or a promise of one. Without a
 * declared 200 schema (`O` is unknown) anything goes.
 */
export type HandlerOutput<O> = unknown extends O ? unknown : Answer<O> | Promise<Answer<O>>;
type Answer<O> = O | Result | Uint8Array | Readable | ReadableStream<Uint8Array> | undefined;

/** The 200 value type after `.returns(status, description, schema)`: only a 200 with a schema changes it. */
export type DeclaredOutput<O, N extends number, S> = number extends N
  ? O
  : N extends 200
    ? S extends SchemaLike
      ? SchemaOutput<S>
      : O
    : O;

/** The handler a route runs: bound input, injected dependencies, then the Context. */
export type RouteHandler<
  T extends string,
  D extends BindDeclaration,
  X extends DepsDeclaration,
  O = unknown,
  R extends HandlerOutput<O> = HandlerOutput<O>,
> = (input: BoundInput<D, Params<T>>, deps: Resolved<X>, ctx: Context<Params<T>>) => R;

export interface BindOptions {
  allowBody?: boolean;
  unknown?: BinderOptions['unknown'];
}

/**
 * Receives a finished declaration; the WebService registers it (and the container, if attached)
 * and gives itself back, so declarations chain on the service.
 */
export type RouteSink = (spec: RouteSpec) => object;

/**
 * Declares one route. Each call records a part of the declaration; `.bind()` and `.inject()`
 * change the builder's type so `.to()` gets a handler typed from the template, the bound
 * input and the dependencies, with nothing to annotate. The builder also carries the method,
 * the declared responses and the service's routes so far: `.to()` gives back the service with
 * this route added to its type, which is what a typed client reads.
 */
export class RouteBuilder<
  T extends string,
  D extends BindDeclaration = {},
  X extends DepsDeclaration = {},
  O = unknown,
  M extends string = string,
  Ret = never,
  Root extends string = string,
  Routes = never,
> {
  private done = false;

  constructor(
    private readonly spec: RouteSpec,
    private readonly sink: RouteSink,
  ) {}

  /** Summary line (OpenAPI `summary`). */
  doc(text: string): this {
    this.spec.doc = text;
    return this;
  }

  /** Longer description (OpenAPI `description`). */
  notes(text: string): this {
    this.spec.notes = text;
    return this;
  }

  operation(id: string): this {
    this.spec.operationId = id;
    return this;
  }

  /**
   * Names the error codes the handler answers with (`httpError('SHOP_OUT_OF_STOCK')`);
   * `container.ready()` fails with BND_ERR_ERROR_CODE when one is not registered, rather than a
   * request finding out.
   */
  problems(...codes: ErrorCode[]): this {
    this.spec.problems.push(...codes);
    return this;
  }

  tags(...tags: string[]): this {
    this.spec.tags.push(...tags);
    return this;
  }

  /**
   * Documents a response; a TypeBox schema also writes it (docs/service-model.md). A schema for
   * a literal 200 types what the handler may return.
   */
  returns<N extends number, S extends SchemaLike | undefined = undefined>(
    status: N,
    description: string,
    schema?: S,
  ): RouteBuilder<T, D, X, DeclaredOutput<O, N, S>, M, Ret | DeclaredResponse<N, S>, Root, Routes> {
    this.spec.returns.push({ status, description, schema });
    return this as never;
  }

  consumes(...mediaTypes: string[]): this {
    this.spec.consumes = mediaTypes.map((m) => m.toLowerCase());
    return this;
  }

  /**
   * Documents a body the handler reads itself (raw bytes and its own parser) for the OpenAPI
   * document: nothing is bound or validated. The media types are the documented ones (the
   * route's `consumes`, or JSON, when none are given); unlike `consumes`, they refuse nothing.
   * A bound body (`.bind({ body })`) is documented from its schema and needs none of this.
   */
  requestBody(schema: SchemaLike, ...mediaTypes: string[]): this {
    this.spec.bodyDoc = {
      schema,
      mediaTypes: mediaTypes.length === 0 ? undefined : mediaTypes.map((m) => m.toLowerCase()),
    };
    return this;
  }

  produces(...mediaTypes: string[]): this {
    this.spec.produces = mediaTypes.map((m) => m.toLowerCase());
    return this;
  }

  filter(filter: Filter<Params<T>>): this {
    this.spec.filters.push(filter as Filter<never>);
    return this;
  }

  deprecate(deprecated = true): this {
    this.spec.deprecated = deprecated;
    return this;
  }

  metadata(key: string, value: unknown): this {
    this.spec.metadata[key] = value;
    return this;
  }

  /**
   * Documents the credentials this route needs: every scheme of one call at once; several calls
   * are alternatives. `.security()` with no scheme marks the route as open inside a secured service.
   */
  security(...schemes: SecurityUse[]): this {
    this.spec.security ??= [];
    this.spec.security.push(schemes);
    return this;
  }

  limits(limits: Partial<RouteLimits>): this {
    this.spec.limits = { ...this.spec.limits, ...limits };
    return this;
  }

  /**
   * Declares the request sources to bind. `allowBody` accepts a body on GET/HEAD/DELETE/OPTIONS;
   * `unknown` sets what happens to properties a schema does not name, per source.
   */
  bind<D2 extends BindDeclaration>(
    declaration: D2,
    options: BindOptions = {},
  ): RouteBuilder<T, D2, X, O, M, Ret, Root, Routes> {
    this.spec.bind = declaration;
    this.spec.allowBody = options.allowBody ?? false;
    this.spec.unknown = options.unknown;
    return this as never;
  }

  /** Names the dependencies the handler receives as its second argument. */
  inject<X2 extends DepsDeclaration>(deps: X2): RouteBuilder<T, D, X2, O, M, Ret, Root, Routes> {
    this.spec.inject = deps;
    return this as never;
  }

  /** A provider visible to this route only (it wins over the service's and the container's). */
  provide<V>(key: InjectionKey<V>, provider: Provider<NoInfer<V>>): this {
    this.spec.providers.push([key, provider as Provider<unknown>]);
    return this;
  }

  /**
   * Registers the route with its handler (a builder registers once) and gives back the service,
   * its type now holding this route, so the next route can be declared on it.
   */
  // The handler's type is RouteHandler<T, D, X, O, R> written out: going through the alias costs
  // the compiler an instantiation of it (and of its constraint on R) for every route.
  to<R extends HandlerOutput<O>>(
    handler: (input: BoundInput<D, Params<T>>, deps: Resolved<X>, ctx: Context<Params<T>>) => R,
  ): WebService<Root, Routes | RouteType<M, T, D, Awaited<R>, Ret>> {
    if (this.done)
      throw new StartupError(
        'BND_ERR_ROUTE_DECLARATION',
        `route ${this.spec.method} ${this.spec.template} was already registered`,
      );
    this.done = true;
    this.spec.handler = handler as unknown as StoredHandler;
    return this.sink(this.spec) as never;
  }
}
