import type { BindDeclaration, BinderOptions, SchemaLike } from '../binding/index.js';
import type { Context } from '../http/context.js';
import type { RouteLimits } from '../http/limits.js';
import type { InjectionKey, Provider } from '../inject/index.js';
import type { Filter } from './filter.js';
import type { SecurityRequirement } from './security-scheme.js';

export type ProviderEntry = readonly [InjectionKey<unknown>, Provider<unknown>];

export type DepsDeclaration = Record<string, InjectionKey<unknown>>;

/** A documented response of a route (OpenAPI `responses`). */
export interface ResponseDoc {
  readonly status: number;
  readonly description: string;
  readonly schema: SchemaLike | undefined;
}

/** A request body documented without being bound (`RouteBuilder.requestBody`). */
export interface BodyDoc {
  readonly schema: SchemaLike;
  /** The documented media types; undefined takes the route's `consumes`, or JSON. */
  readonly mediaTypes: readonly string[] | undefined;
}

/** The handler as stored: its parameters were checked by the builder's generics. */
export type StoredHandler = (input: never, deps: never, ctx: Context<never>) => unknown;

/** Everything a route declared; the container compiles it into a CompiledRoute at startup. */
export interface RouteSpec {
  readonly method: string;
  readonly subPath: string;
  /** Root and sub-path joined: the template the router sees. */
  readonly template: string;
  doc: string | undefined;
  notes: string | undefined;
  operationId: string | undefined;
  tags: string[];
  returns: ResponseDoc[];
  /** Application error codes the route answers with; ready() checks each is registered. */
  problems: string[];
  consumes: string[] | undefined;
  produces: string[] | undefined;
  filters: Filter<never>[];
  deprecated: boolean;
  metadata: Record<string, unknown>;
  /** Alternatives of credentials (OpenAPI `security`); undefined inherits the service's. */
  security: SecurityRequirement[] | undefined;
  bind: BindDeclaration | undefined;
  /** A body the handler reads itself, described for the OpenAPI document only. */
  bodyDoc: BodyDoc | undefined;
  /** Lets a body be declared on GET/HEAD/DELETE/OPTIONS on purpose. */
  allowBody: boolean;
  /** Unknown-property policy per source (defaults: see docs/binding.md). */
  unknown: BinderOptions['unknown'];
  inject: DepsDeclaration | undefined;
  /** Providers visible to this route only; chained under the service's at compile time. */
  providers: ProviderEntry[];
  limits: Partial<RouteLimits> | undefined;
  handler: StoredHandler | undefined;
}

export function emptySpec(method: string, subPath: string, template: string): RouteSpec {
  return {
    method,
    subPath,
    template,
    doc: undefined,
    notes: undefined,
    operationId: undefined,
    tags: [],
    returns: [],
    problems: [],
    consumes: undefined,
    produces: undefined,
    filters: [],
    deprecated: false,
    metadata: {},
    security: undefined,
    bind: undefined,
    bodyDoc: undefined,
    allowBody: false,
    unknown: undefined,
    inject: undefined,
    providers: [],
    limits: undefined,
    handler: undefined,
  };
}

/** Joins a service root and a route sub-path into one template. */
export function joinPath(root: string, sub: string): string {
  const base = root.endsWith('/') ? root.slice(0, -1) : root;
  if (sub === '' || sub === '/') return base === '' ? '/' : base;
  return base + (sub.startsWith('/') ? sub : `/${sub}`);
}

/** `GET /shops/{id}`: how errors and logs name a route. */
export function describeRoute(spec: Pick<RouteSpec, 'method' | 'template'>): string {
  return `${spec.method} ${spec.template}`;
}
