import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ContextShared } from '../http/context.js';
import { httpError } from '../http/http-error.js';
import { defaultLimits, type Limits } from '../http/limits.js';
import { defaultReaders, type ReaderRegistry } from '../http/readers/index.js';
import { sendProblem, serializerFor } from '../http/send.js';
import { StartupError } from '../http/startup-error.js';
import { defaultWriters, type WriterRegistry } from '../http/writers.js';
import { checkGraph, type InjectionKey, type Provider, ProviderRegistry } from '../inject/index.js';
import type { RouteTableSettings } from '../router/index.js';
import { findTracing } from '../tracing/open-telemetry.js';
import { allowHeader } from './allow.js';
import { CompiledRoute } from './compiled-route.js';
import {
  type ContainerLifecycle,
  type ContainerOptions,
  checkedProblemTypeBase,
  makeLogger,
  routerTable,
} from './container-options.js';
import type { ErrorHandler } from './error-handlers.js';
import type { Filter } from './filter.js';
import { HostGroups } from './host-groups.js';
import { type InjectOptions, type InjectResponse, injectRequest } from './inject-request.js';
import { RequestPipeline } from './request-pipeline.js';
import { requestTracing } from './request-tracing.js';
import { loadSerializerCompiler } from './response-serializers.js';
import { conflictNamingServices } from './route-conflict.js';
import { checkRouteMedia } from './route-media-check.js';
import type { RouteSpec } from './route-spec.js';
import { RouteSelector } from './select-route.js';
import { createHttpServer, defaultCloseGrace, drainServer, type ListenOptions, listenOn } from './server.js';
import type { RouteListener, WebService } from './web-service.js';

export type { ContainerLifecycle, ContainerOptions } from './container-options.js';

/**
 * Holds web services, container filters, providers and error handlers; compiles everything
 * when it starts and serves requests through one pipeline (over a socket or in-process).
 */
export class Container<Routes = never> implements RouteListener {
  readonly logger: Logger;
  readonly limits: Limits;
  readonly readers: ReaderRegistry = defaultReaders();
  readonly writers: WriterRegistry = defaultWriters();
  readonly providers = new ProviderRegistry();
  /** The node:http listener; usable with any server (`http.createServer(container.handler)`). */
  readonly handler: RequestListener;

  private readonly services: WebService[] = [];
  private readonly filters: Filter<never>[] = [];
  private readonly errorHandlers = new Map<number | 'default', ErrorHandler>();
  private readonly hosts: HostGroups;
  private readonly selector: RouteSelector;
  private readonly compiled = new Map<RouteSpec, CompiledRoute>();
  private readonly serviceProviders = new Map<WebService, ProviderRegistry>();
  private readonly pipeline: RequestPipeline;
  /** Media types routes produce when neither they nor their service say. */
  readonly defaultProduces: readonly string[];
  private readonly closeTimeout: number;
  private readonly closeGrace: number;
  private readonly tracing: boolean;
  private starting: Promise<void> | undefined;
  private live = false;
  private phase: ContainerLifecycle = 'created';
  private server: Server | undefined;
  private readonly closeHooks: (() => unknown)[] = [];
  private readonly beforeCloseHooks: (() => unknown)[] = [];
  private routeChanges = 0;

  /** Never defined: carries the routes' types of the services added (see RoutesOf). */
  '~routes'?(routes: Routes): void;

  constructor(options: ContainerOptions = {}) {
    this.logger = makeLogger(options.logger);
    this.limits = { ...defaultLimits, ...options.limits };
    this.defaultProduces = options.produces ?? ['application/json'];
    this.closeTimeout = options.closeTimeout ?? 10_000;
    this.closeGrace = options.closeGrace ?? defaultCloseGrace;
    this.tracing = options.tracing ?? true;
    const settings: RouteTableSettings = {
      maxParamLength: this.limits.paramLength,
      ...(options.trailingSlash === undefined ? {} : { trailingSlash: options.trailingSlash }),
      ...(options.caseSensitive === undefined ? {} : { caseSensitive: options.caseSensitive }),
    };
    const makeTable = options.router ?? routerTable;
    this.hosts = new HostGroups(() => makeTable<CompiledRoute>(settings));
    this.selector = new RouteSelector(this.hosts, this.readers);
    const shared: ContextShared = {
      logger: this.logger,
      requestIdHeader: options.requestIdHeader ?? 'x-request-id',
      allow: (path, headers) => {
        const selection = this.selector.select('OPTIONS', path, headers);
        return ('allow' in selection ? selection.allow : undefined) ?? allowHeader([]);
      },
    };
    this.pipeline = new RequestPipeline({
      shared,
      selector: this.selector,
      filters: this.filters,
      errorHandlers: this.errorHandlers,
      serialize: serializerFor(this.writers),
      urlLength: this.limits.urlLength,
      problemTypeBase: checkedProblemTypeBase(options.problemTypeBase),
    });
    this.handler = (req, res) => this.handle(req, res);
  }

  /**
   * Adds a web service; the container's type gains the service's routes (for a typed client).
   * The root is a type parameter of its own so the service's type is matched as it is: against
   * `WebService<string, R>` the compiler would compare the whole service member by member (its
   * root is invariant), which made each `.add()` of a large app cost seconds of type checking.
   */
  add<Root extends string, R>(ws: WebService<Root, R>): Container<Routes | R> {
    const twin = this.services.find((s) => s.root === ws.root && s.hostPattern === ws.hostPattern);
    if (twin === ws)
      throw new StartupError(
        'BND_ERR_WEB_SERVICE',
        `web service ${ws.root} was already added to this container`,
      );
    if (twin !== undefined) {
      const where = ws.hostPattern === undefined ? '' : ` on host ${ws.hostPattern}`;
      throw new StartupError(
        'BND_ERR_WEB_SERVICE',
        `two web services share the root ${ws.root}${where}: merge their routes into one service`,
      );
    }
    ws.attach(this);
    this.services.push(ws);
    this.routeChanges++;
    if (this.live) for (const spec of ws.routes()) this.mount(ws, spec);
    return this as Container<Routes | R>;
  }

  /** Takes a web service and its routes out, also while serving. */
  remove(ws: WebService): boolean {
    const index = this.services.indexOf(ws);
    if (index === -1) return false;
    for (const spec of ws.routes()) this.routeRemoved(ws, spec);
    this.services.splice(index, 1);
    this.hosts.groupOf(ws).leave(ws);
    this.routeChanges++;
    this.serviceProviders.delete(ws);
    ws.attach(undefined);
    return true;
  }

  /** A filter that runs for every request, before routing (so also for 404 and 405). */
  filter(filter: Filter): this {
    this.filters.push(filter as Filter<never>);
    return this;
  }

  provide<V>(key: InjectionKey<V>, provider: Provider<NoInfer<V>>): this {
    this.providers.provide(key, provider);
    return this;
  }

  /** A custom answer for an error status (services may override it for their routes). */
  onError(status: number | 'default', handler: ErrorHandler): this {
    this.errorHandlers.set(status, handler);
    return this;
  }

  /** Runs `fn` during `close()`, after requests drained and before singletons are disposed. */
  onClose(fn: () => unknown): this {
    this.closeHooks.push(fn);
    return this;
  }

  /** The container-wide filters in the order they run, for tools (route listings). */
  containerFilters(): readonly Filter<never>[] {
    return this.filters;
  }

  /**
   * Runs `fn` first in `close()`, while requests are still served: where event sources (input
   * bindings) stop taking new work and let what they started finish before the drain.
   */
  beforeClose(fn: () => unknown): this {
    this.beforeCloseHooks.push(fn);
    return this;
  }

  webServices(): readonly WebService[] {
    return this.services;
  }

  /**
   * Changes whenever a service or route is added or removed, so tools that derive something from
   * the route table (the OpenAPI document) know when to derive it again.
   */
  get routeTableVersion(): number {
    return this.routeChanges;
  }

  /** The compiled routes, for tools (route listings, OpenAPI). */
  routes(): CompiledRoute[] {
    return [...this.compiled.values()];
  }

  /**
   * Compiles every route, checks the dependency graph and resolves singletons. Called by
   * `listen()` and `inject()`; call it yourself to fail fast at boot.
   */
  ready(): Promise<void> {
    if (this.starting === undefined) {
      this.phase = 'starting';
      this.starting = this.start().then(
        () => {
          if (this.phase === 'starting') this.phase = 'ready';
        },
        (error: unknown) => {
          if (this.phase === 'starting') this.phase = 'failed';
          throw error;
        },
      );
    }
    return this.starting;
  }

  /** Where the container is in its life; health probes read it. */
  get lifecycle(): ContainerLifecycle {
    return this.phase;
  }

  async listen(options: ListenOptions = {}): Promise<AddressInfo> {
    if (this.server !== undefined)
      throw new StartupError('BND_ERR_LIFECYCLE', 'the container is already listening');
    await this.ready();
    this.server = createHttpServer(this.handler, this.limits);
    const address = await listenOn(this.server, options);
    this.logger.info({ address: address.address, port: address.port }, 'listening');
    return address;
  }

  get address(): AddressInfo | undefined {
    return (this.server?.address() as AddressInfo | null) ?? undefined;
  }

  /**
   * Runs the `beforeClose` hooks, stops accepting, drains in-flight requests (up to
   * `closeTimeout`), runs the `onClose` hooks, then disposes singletons.
   */
  async close(): Promise<void> {
    this.phase = 'closing';
    for (const hook of this.beforeCloseHooks.splice(0).reverse()) await hook();
    this.pipeline.closing = true;
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) {
      await drainServer(server, () => this.drained(), this.closeTimeout, this.logger, this.closeGrace);
    }
    for (const hook of this.closeHooks.splice(0).reverse()) await hook();
    await this.providers.dispose();
    this.phase = 'closed';
  }

  /** Answers one request in-process, without a socket. */
  async inject(options: InjectOptions): Promise<InjectResponse> {
    await this.ready();
    return injectRequest(this.handler, options);
  }

  routeAdded(ws: WebService, spec: RouteSpec): void {
    this.routeChanges++;
    if (this.live) this.mount(ws, spec);
  }

  routeRemoved(ws: WebService, spec: RouteSpec): void {
    this.routeChanges++;
    if (!this.compiled.delete(spec)) return;
    this.hosts.groupOf(ws).router.remove(spec.method, spec.template);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (this.live) {
      this.pipeline.handle(req, res);
      return;
    }
    this.ready().then(
      () => this.pipeline.handle(req, res),
      (error: unknown) => {
        this.logger.error({ err: error }, 'container failed to start');
        sendProblem(res, httpError('BND_ERR_SERVICE_UNAVAILABLE', 'The server failed to start'));
      },
    );
  }

  private async start(): Promise<void> {
    await loadSerializerCompiler();
    const mounted: CompiledRoute[] = [];
    for (const ws of this.services) for (const spec of ws.routes()) mounted.push(this.compile(ws, spec));
    checkGraph(
      mounted
        .filter((r) => r.spec.inject !== undefined)
        .map((r) => ({ owner: `route ${r.name}`, registry: r.registry, deps: r.spec.inject! })),
    );
    for (const route of mounted) this.register(route);
    await Promise.all(mounted.map((r) => r.plan?.prepare()));
    // Only an application that registered an OpenTelemetry SDK gets the span filter: without
    // one, the request path has nothing added.
    const tracing = this.tracing ? await findTracing() : undefined;
    if (tracing !== undefined) this.filters.unshift(requestTracing(tracing));
    this.logControllers(mounted);
    this.live = true;
  }

  /**
   * Logs each controller's routes once at start: method names become routes by rules, so what a
   * controller exposes is shown where an operator looks, not only in the code.
   */
  private logControllers(routes: readonly CompiledRoute[]): void {
    const byController = new Map<string, string[]>();
    for (const route of routes) {
      const owner = route.spec.metadata.controller as { name: string; handler: string } | undefined;
      if (owner === undefined) continue;
      const list = byController.get(owner.name) ?? [];
      list.push(`${route.method} ${route.template} → ${owner.handler}`);
      byController.set(owner.name, list);
    }
    for (const [controller, list] of byController) {
      this.logger.info(
        { controller, routes: list },
        `controller ${controller} serves ${list.length} route(s)`,
      );
    }
  }

  private mount(ws: WebService, spec: RouteSpec): void {
    const route = this.compile(ws, spec);
    if (spec.inject !== undefined) {
      checkGraph([{ owner: `route ${route.name}`, registry: route.registry, deps: spec.inject }]);
    }
    this.register(route);
    void route.plan?.prepare().catch((error: unknown) => {
      this.logger.error(
        { err: error, route: route.name },
        'dynamic route failed to prepare its dependencies',
      );
    });
  }

  private compile(ws: WebService, spec: RouteSpec): CompiledRoute {
    const serviceRegistry = this.registryFor(ws);
    let registry = serviceRegistry;
    if (spec.providers.length > 0) {
      registry = new ProviderRegistry(serviceRegistry);
      for (const [key, provider] of spec.providers) registry.provide(key, provider);
    }
    const route = new CompiledRoute(ws, spec, {
      readers: this.readers,
      defaultProduces: this.defaultProduces,
      bodySize: this.limits.bodySize,
      jsonDepth: this.limits.jsonDepth,
      providers: registry,
    });
    checkRouteMedia(route, this.readers, this.writers);
    return route;
  }

  private register(route: CompiledRoute): void {
    const group = this.hosts.groupOf(route.service);
    try {
      group.router.add(route.method, route.template, route);
    } catch (error) {
      const sameTable = (other: CompiledRoute) => this.hosts.groupOf(other.service) === group;
      throw conflictNamingServices(error, route, [...this.compiled.values()].filter(sameTable));
    }
    if (!group.services.includes(route.service)) group.services.push(route.service);
    this.compiled.set(route.spec, route);
  }

  private registryFor(ws: WebService): ProviderRegistry {
    let registry = this.serviceProviders.get(ws);
    if (registry === undefined) {
      registry = new ProviderRegistry(this.providers);
      for (const [key, provider] of ws.providers) registry.provide(key, provider);
      this.serviceProviders.set(ws, registry);
    }
    return registry;
  }

  private drained(): Promise<void> {
    if (this.pipeline.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.pipeline.onIdle = resolve;
    });
  }
}
