import type { BindDeclaration, BinderOptions, BoundInput, SchemaLike } from '../binding/index.js';
import type { Context } from '../http/context.js';
import type { RouteLimits } from '../http/limits.js';
import type { InjectionKey, Provider, Resolved } from '../inject/index.js';
import type { Params } from '../router/index.js';
import type { Filter } from './filter.js';
import type { DepsDeclaration, RouteSpec, StoredHandler } from './route-spec.js';

/** The handler a route runs: bound input, injected dependencies, then the Context. */
export type RouteHandler<T extends string, D extends BindDeclaration, X extends DepsDeclaration> = (
  input: BoundInput<D, Params<T>>,
  deps: Resolved<X>,
  ctx: Context<Params<T>>,
) => unknown;

export interface BindOptions {
  allowBody?: boolean;
  unknown?: BinderOptions['unknown'];
}

/** Receives a finished declaration; the WebService registers it (and the container, if attached). */
export type RouteSink = (spec: RouteSpec) => void;

/**
 * Declares one route. Each call records a part of the declaration; `.bind()` and `.inject()`
 * change the builder's type so `.to()` gets a handler typed from the template, the bound
 * input and the dependencies, with nothing to annotate.
 */
export class RouteBuilder<T extends string, D extends BindDeclaration = {}, X extends DepsDeclaration = {}> {
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

  tags(...tags: string[]): this {
    this.spec.tags.push(...tags);
    return this;
  }

  returns(status: number, description: string, schema?: SchemaLike): this {
    this.spec.returns.push({ status, description, schema });
    return this;
  }

  consumes(...mediaTypes: string[]): this {
    this.spec.consumes = mediaTypes.map((m) => m.toLowerCase());
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

  limits(limits: Partial<RouteLimits>): this {
    this.spec.limits = { ...this.spec.limits, ...limits };
    return this;
  }

  /**
   * Declares the request sources to bind. `allowBody` accepts a body on GET/HEAD/DELETE/OPTIONS;
   * `unknown` sets what happens to properties a schema does not name, per source.
   */
  bind<D2 extends BindDeclaration>(declaration: D2, options: BindOptions = {}): RouteBuilder<T, D2, X> {
    this.spec.bind = declaration;
    this.spec.allowBody = options.allowBody ?? false;
    this.spec.unknown = options.unknown;
    return this as unknown as RouteBuilder<T, D2, X>;
  }

  /** Names the dependencies the handler receives as its second argument. */
  inject<X2 extends DepsDeclaration>(deps: X2): RouteBuilder<T, D, X2> {
    this.spec.inject = deps;
    return this as unknown as RouteBuilder<T, D, X2>;
  }

  /** A provider visible to this route only (it wins over the service's and the container's). */
  provide<V>(key: InjectionKey<V>, provider: Provider<NoInfer<V>>): this {
    this.spec.providers.push([key, provider as Provider<unknown>]);
    return this;
  }

  /** Registers the route with its handler; a builder registers once. */
  to(handler: RouteHandler<T, D, X>): RouteSpec {
    if (this.done) throw new Error(`route ${this.spec.method} ${this.spec.template} was already registered`);
    this.done = true;
    this.spec.handler = handler as unknown as StoredHandler;
    this.sink(this.spec);
    return this.spec;
  }
}
