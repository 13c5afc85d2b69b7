import { StartupError } from '../http/startup-error.js';
import type { InjectionKey, Provider } from '../inject/index.js';
import type { ErrorHandler } from './error-handlers.js';
import type { Filter } from './filter.js';
import { RouteBuilder } from './route-builder.js';
import { describeRoute, emptySpec, joinPath, type ProviderEntry, type RouteSpec } from './route-spec.js';
import type { JoinPath } from './route-types.js';
import type { SecurityRequirement, SecurityUse } from './security-scheme.js';

/** What a container is told when a service it holds gains or loses a route. */
export interface RouteListener {
  routeAdded(ws: WebService, spec: RouteSpec): void;
  routeRemoved(ws: WebService, spec: RouteSpec): void;
}

/** Registers a controller class's routes on a service; installed by the mvc layer. */
export type ControllerRegistrar = (
  ws: WebService,
  controller: abstract new (...args: never[]) => object,
) => void;

let controllerRegistrar: ControllerRegistrar | undefined;

/**
 * The service layer sits below mvc and cannot import it; mvc installs its registrar here when it
 * loads, so `ws.controller(C)` works wherever `binderyjs` (which loads mvc) is imported.
 */
export function setControllerRegistrar(registrar: ControllerRegistrar): void {
  controllerRegistrar = registrar;
}

/**
 * What the mvc layer tells the type system about a controller class mounted under `Root`: it
 * fills this interface by declaration merging with `routes` (the controller's RouteType union)
 * and `check` (what the class must also be for its methods to fit their routes). The service
 * layer only reads the two members, so it stays below mvc.
 */
export interface ControllerTyping<Root extends string, C> {
  /** The service root and the class the merged members are computed for. */
  readonly mounted: readonly [Root, C];
}

type ControllerRouteTypes<Root extends string, C> =
  ControllerTyping<Root, C> extends { routes: infer R } ? R : never;
type ControllerCheck<Root extends string, C> =
  ControllerTyping<Root, C> extends { check: infer K } ? K : unknown;

/** A builder for a route of `Root` declared with method `M`. */
type BuilderOf<Root extends string, Routes, S extends string, M extends string> = RouteBuilder<
  JoinPath<Root, S>,
  {},
  {},
  unknown,
  M,
  never,
  Root,
  Routes
>;

export interface WebServiceOptions {
  /** Host pattern this service answers for: `api.example.com`, `{tenant}.example.com`. */
  host?: string;
  consumes?: string[];
  produces?: string[];
}

/**
 * A group of routes under one root path, with shared media types, filters, providers, error
 * handlers and docs. The root may hold typed params (`/shops/{shopId:int}`).
 */
export class WebService<Root extends string = string, Routes = never> {
  readonly root: Root;
  hostPattern: string | undefined;
  defaultConsumes: string[] | undefined;
  defaultProduces: string[] | undefined;
  readonly filters: Filter<never>[] = [];
  readonly providers: ProviderEntry[] = [];
  readonly errorHandlers = new Map<number | 'default', ErrorHandler>();
  documentation: string | undefined;
  version: string | undefined;
  readonly tagList: string[] = [];
  /** Credential alternatives every route inherits unless it declares its own. */
  readonly securityRequirements: SecurityRequirement[] = [];
  private readonly specs: RouteSpec[] = [];
  private listener: RouteListener | undefined;

  /** Never defined: carries the routes' types (see RoutesOf) for a typed client. */
  '~routes'?(routes: Routes): void;

  constructor(root: Root, options: WebServiceOptions = {}) {
    if (typeof root !== 'string' || (root !== '' && !root.startsWith('/'))) {
      throw new StartupError(
        'BND_ERR_WEB_SERVICE',
        `web service root must start with '/': got ${JSON.stringify(root)}`,
      );
    }
    this.root = (root === '' ? '/' : root) as Root;
    this.hostPattern = options.host;
    this.defaultConsumes = options.consumes?.map((m) => m.toLowerCase());
    this.defaultProduces = options.produces?.map((m) => m.toLowerCase());
  }

  host(pattern: string): this {
    this.hostPattern = pattern;
    return this;
  }

  consumes(...mediaTypes: string[]): this {
    this.defaultConsumes = mediaTypes.map((m) => m.toLowerCase());
    return this;
  }

  produces(...mediaTypes: string[]): this {
    this.defaultProduces = mediaTypes.map((m) => m.toLowerCase());
    return this;
  }

  /** A filter for every route of this service, after the container's and before the route's. */
  filter(filter: Filter): this {
    this.filters.push(filter as Filter<never>);
    return this;
  }

  provide<V>(key: InjectionKey<V>, provider: Provider<NoInfer<V>>): this {
    this.providers.push([key, provider as Provider<unknown>]);
    return this;
  }

  /** A custom answer for an error status raised inside this service (wins over the container's). */
  onError(status: number | 'default', handler: ErrorHandler): this {
    this.errorHandlers.set(status, handler);
    return this;
  }

  doc(text: string): this {
    this.documentation = text;
    return this;
  }

  apiVersion(version: string): this {
    this.version = version;
    return this;
  }

  tags(...tags: string[]): this {
    this.tagList.push(...tags);
    return this;
  }

  /** Documents the credentials of every route (see RouteBuilder.security); calls are alternatives. */
  security(...schemes: SecurityUse[]): this {
    this.securityRequirements.push(schemes);
    return this;
  }

  get<S extends string>(subPath: S): BuilderOf<Root, Routes, S, 'GET'> {
    return this.route('GET', subPath);
  }

  post<S extends string>(subPath: S): BuilderOf<Root, Routes, S, 'POST'> {
    return this.route('POST', subPath);
  }

  put<S extends string>(subPath: S): BuilderOf<Root, Routes, S, 'PUT'> {
    return this.route('PUT', subPath);
  }

  patch<S extends string>(subPath: S): BuilderOf<Root, Routes, S, 'PATCH'> {
    return this.route('PATCH', subPath);
  }

  delete<S extends string>(subPath: S): BuilderOf<Root, Routes, S, 'DELETE'> {
    return this.route('DELETE', subPath);
  }

  head<S extends string>(subPath: S): BuilderOf<Root, Routes, S, 'HEAD'> {
    return this.route('HEAD', subPath);
  }

  options<S extends string>(subPath: S): BuilderOf<Root, Routes, S, 'OPTIONS'> {
    return this.route('OPTIONS', subPath);
  }

  /** Any method (`*` for all of them; a specific method's route wins over it). */
  route<M extends string, S extends string>(method: M, subPath: S): BuilderOf<Root, Routes, S, Uppercase<M>> {
    const verb = method === '*' ? '*' : method.toUpperCase();
    const spec = emptySpec(verb, subPath, joinPath(this.root, subPath));
    return new RouteBuilder(spec, (s) => {
      this.register(s);
      return this;
    });
  }

  /**
   * Turns a controller's public methods into routes of this service (docs/controllers.md). The
   * compiler checks each method named as a route against its template, and the routes join the
   * service's type like builder routes do.
   */
  controller<C extends abstract new (...args: never[]) => object>(
    controller: C & ControllerCheck<Root, C>,
  ): WebService<Root, Routes | ControllerRouteTypes<Root, C>> {
    if (controllerRegistrar === undefined) {
      throw new StartupError(
        'BND_ERR_CONTROLLER',
        "controllers need the mvc layer: import from 'binderyjs' (or its mvc module) first",
      );
    }
    controllerRegistrar(this as unknown as WebService, controller);
    return this as never;
  }

  /** Removes a route by method and sub-path; true when one was removed. */
  removeRoute(method: string, subPath: string): boolean {
    const verb = method === '*' ? '*' : method.toUpperCase();
    const index = this.specs.findIndex((s) => s.method === verb && s.subPath === subPath);
    if (index === -1) return false;
    const [spec] = this.specs.splice(index, 1);
    this.listener?.routeRemoved(this as unknown as WebService, spec!);
    return true;
  }

  routes(): readonly RouteSpec[] {
    return this.specs;
  }

  /** @internal the container attaches itself so routes added later go live at once. */
  attach(listener: RouteListener | undefined): void {
    if (listener !== undefined && this.listener !== undefined && this.listener !== listener) {
      throw new StartupError(
        'BND_ERR_WEB_SERVICE',
        `web service ${this.root} already belongs to another container`,
      );
    }
    this.listener = listener;
  }

  private register(spec: RouteSpec): void {
    const same = this.specs.find((s) => s.method === spec.method && s.template === spec.template);
    if (same !== undefined) {
      throw new StartupError(
        'BND_ERR_ROUTE_CONFLICT',
        `route ${describeRoute(spec)} is declared twice in web service ${this.root}`,
      );
    }
    this.specs.push(spec);
    this.listener?.routeAdded(this as unknown as WebService, spec);
  }
}
