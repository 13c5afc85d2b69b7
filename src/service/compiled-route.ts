import { type Binder, BoundRequest, compileBinder, defaultBodyMediaTypes } from '../binding/index.js';
import type { Context, ResponseSerializers, RouteInfo } from '../http/context.js';
import { errorCodeInfo } from '../http/error-codes.js';
import { httpError } from '../http/http-error.js';
import { ResponseNegotiator } from '../http/negotiation.js';
import { formatBytes, type ReaderRegistry } from '../http/readers/index.js';
import { StartupError } from '../http/startup-error.js';
import { compilePlan, type ProviderRegistry, type ResolutionPlan, SinglePlanScope } from '../inject/index.js';
import { parseTemplate } from '../router/index.js';
import { isTracedProvider, runInRequest } from '../tracing/request-trace.js';
import { contextToken } from './context-token.js';
import { type Filter, runChain } from './filter.js';
import { lingerAfterAnswer } from './linger.js';
import { compileResponseSerializers } from './response-serializers.js';
import { describeRoute, type RouteSpec } from './route-spec.js';
import type { WebService } from './web-service.js';

/** Container-wide facts a route needs to compile. */
export interface CompileOptions {
  readers: ReaderRegistry;
  defaultProduces: readonly string[];
  bodySize: number;
  jsonDepth: number;
  providers: ProviderRegistry;
}

type Invoke = (input: unknown, deps: unknown, ctx: Context<unknown>) => unknown;

/**
 * A route ready to serve: negotiation, filters, binder and dependency plan were all built from
 * its declaration when the container started, so a request only runs them.
 */
export class CompiledRoute implements RouteInfo {
  readonly method: string;
  readonly template: string;
  readonly operationId: string | undefined;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly name: string;
  readonly negotiator: ResponseNegotiator;
  readonly consumes: readonly string[] | undefined;
  readonly filters: readonly Filter<never>[];
  readonly binder: Binder | undefined;
  readonly plan: ResolutionPlan<unknown> | undefined;
  readonly registry: ProviderRegistry;
  readonly serializers: ResponseSerializers | undefined;
  /** Whether the route binds the body, so a reader must read it. */
  readonly readsBody: boolean;
  /** The largest body this route takes, in bytes. */
  readonly bodySize: number;
  private readonly handler: Invoke;
  private readonly execute: (ctx: Context<unknown>) => unknown;
  /**
   * The route's dependencies make traced calls (a binding client, maybe held by a singleton
   * service): its filters and handler run under the request, so those calls are children of
   * `ctx.trace` without being handed it. Other routes skip this.
   */
  private readonly underRequest: boolean;

  constructor(
    readonly service: WebService,
    readonly spec: RouteSpec,
    options: CompileOptions,
  ) {
    this.method = spec.method;
    this.template = spec.template;
    this.operationId = spec.operationId;
    this.metadata = spec.metadata;
    this.name = describeRoute(spec);
    if (spec.handler === undefined)
      throw new StartupError(
        'BND_ERR_ROUTE_DECLARATION',
        `route ${this.name} has no handler: call .to(handler)`,
      );
    this.handler = spec.handler as unknown as Invoke;
    for (const code of spec.problems) {
      if (errorCodeInfo(code) === undefined)
        throw new StartupError(
          'BND_ERR_ERROR_CODE',
          `route ${this.name} answers with error code ${code}, which is not registered: call registerErrorCode(${JSON.stringify(code)}, { status, title, description }) first`,
        );
    }
    this.negotiator = new ResponseNegotiator(
      spec.produces ?? service.defaultProduces ?? options.defaultProduces,
      `route ${this.name}`,
    );
    this.bodySize = spec.limits?.bodySize ?? options.bodySize;
    this.consumes =
      spec.consumes ??
      service.defaultConsumes ??
      (spec.bind?.body === undefined ? undefined : defaultBodyMediaTypes(spec.bind.body));
    this.readsBody = spec.bind?.body !== undefined;
    this.filters = [...service.filters, ...spec.filters];
    this.registry = options.providers;
    const params = parseTemplate(spec.template).params.map((p) => p.name);
    this.binder =
      spec.bind === undefined
        ? undefined
        : compileBinder(spec.bind, {
            route: this.name,
            method: spec.method,
            pathParams: params,
            readers: options.readers,
            limits: { bodySize: options.bodySize, jsonDepth: options.jsonDepth, ...spec.limits },
            allowBodyOn: spec.allowBody,
            ...(spec.unknown === undefined ? {} : { unknown: spec.unknown }),
          });
    this.serializers = compileResponseSerializers(spec.returns, this.name);
    this.plan =
      spec.inject === undefined
        ? undefined
        : compilePlan(options.providers, spec.inject, `route ${this.name}`);
    this.underRequest = this.plan?.reaches(isTracedProvider) ?? false;
    this.execute =
      this.plan === undefined && this.binder === undefined
        ? (ctx) => this.callBare(ctx)
        : (ctx) => this.call(ctx);
  }

  /**
   * Runs the filters and the handler for a request route selection gave this route (media types
   * and Accept already admitted, `ctx.responseType` set); sets ctx.result.
   */
  run(ctx: Context<unknown>): unknown {
    this.admitBody(ctx);
    if (this.underRequest) return runInRequest(ctx, () => this.chain(ctx));
    return this.chain(ctx);
  }

  /** The route's filters around its handler. */
  private chain(ctx: Context<unknown>): unknown {
    if (this.filters.length === 0) return this.execute(ctx);
    return runChain(this.filters, ctx, this.execute);
  }

  /**
   * Decides the body's size from its headers before anything is sent or read: a declared length
   * over the route's limit is 413 even when the handler would never read the body (else it
   * would answer 201 to a body it never saw), and a client waiting on `Expect: 100-continue`
   * hears `100 Continue` only once the body is admitted, so it never starts sending one that
   * will be refused. With a Content-Encoding the limit applies after decoding, so the readers
   * check it as they go.
   */
  private admitBody(ctx: Context<unknown>): void {
    const headers = ctx.req.headers;
    const declared = headers['content-length'];
    if (
      declared !== undefined &&
      headers['content-encoding'] === undefined &&
      Number(declared) > this.bodySize
    ) {
      ctx.res.setHeader('connection', 'close');
      if (ctx.req.socket !== null) lingerAfterAnswer(ctx.req.socket);
      throw httpError(
        'BND_ERR_PAYLOAD_TOO_LARGE',
        `The request body is larger than the ${formatBytes(this.bodySize)} limit`,
      );
    }
    const expect = headers.expect;
    if (expect !== undefined && expect.toLowerCase() === '100-continue' && !ctx.res.headersSent) {
      ctx.res.writeContinue();
    }
  }

  /**
   * A route that declared no binding still gets `{ path, query, headers, cookies, body }`: the
   * binder's own request view, with every source raw and query and cookies read on first use.
   */
  private unbound(ctx: Context<unknown>): BoundRequest {
    return new BoundRequest(ctx, ctx.params, undefined, ctx.headers, undefined, undefined);
  }

  private callBare(ctx: Context<unknown>): unknown {
    const result = this.handler(this.unbound(ctx), undefined, ctx);
    if (result instanceof Promise) {
      return result.then((value) => {
        ctx.result = value;
      });
    }
    ctx.result = result;
    return undefined;
  }

  /**
   * Binding, dependencies and the handler, staying synchronous for as long as each step is:
   * most routes never create a promise of their own. A provider's stop() surfaces as a thrown
   * or rejected Stop, which the pipeline answers with its result.
   */
  private call(ctx: Context<unknown>): unknown {
    if (this.binder === undefined) return this.withDeps(ctx, this.unbound(ctx));
    // Dependencies and the handler run in the step that bound the input, not one after it.
    return this.binder.bindThen(ctx, this.afterBind);
  }

  private readonly afterBind = (input: unknown, ctx: Context<unknown>): unknown => this.withDeps(ctx, input);

  private withDeps(ctx: Context<unknown>, input: unknown): unknown {
    const plan = this.plan;
    if (plan === undefined || plan.empty) return this.invoke(ctx, input, undefined);
    let deps: unknown;
    if (plan.requestScoped) {
      deps = plan.resolve(new SinglePlanScope(contextToken, ctx, ctx));
    } else {
      deps = plan.resolve();
    }
    if (deps instanceof Promise) return deps.then((resolved) => this.invoke(ctx, input, resolved));
    return this.invoke(ctx, input, deps);
  }

  private invoke(ctx: Context<unknown>, input: unknown, deps: unknown): unknown {
    const result = this.handler(input, deps, ctx);
    if (result instanceof Promise) {
      return result.then((value) => {
        ctx.result = value;
      });
    }
    ctx.result = result;
    return undefined;
  }
}
