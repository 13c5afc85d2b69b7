import { HTTP_METHODS } from '../http/methods.js';
import type { InjectionKey, Provider } from '../inject/index.js';
import type { ControllerRoute, MethodNames } from './controller-route.js';
import type { RouteMethod } from './method-name.js';
import type { RouteOptions } from './route-options.js';

/** How many controller instances there are: per container, per request, or decided by its dependencies. */
export type ControllerScope = 'auto' | 'singleton' | 'request';

/** The parts of a controller definition the activation hooks may change. */
export interface ActivationState {
  routes: ControllerRoute[];
  readonly providers: [InjectionKey<unknown>, Provider<unknown>][];
  readonly problems: string[];
  scope: ControllerScope;
  /** Whether the controller's prototype has a method of that name. */
  hasMethod(name: string): boolean;
}

const verbs = new Set<string>([...HTTP_METHODS, '*']);

/**
 * What `static beforeActivation(b)` receives: the routes read from names and decorators so far,
 * and ways to add routes, drop methods and give the controller its own providers.
 */
export class BeforeActivation<C extends object> {
  constructor(private readonly state: ActivationState) {}

  get routes(): readonly ControllerRoute[] {
    return this.state.routes;
  }

  /** Routes `handlerName` at `method path`, for what neither its name nor a decorator can say. */
  handle(
    method: RouteMethod | Lowercase<RouteMethod>,
    path: string,
    handlerName: MethodNames<C>,
    options: RouteOptions = {},
  ): this {
    const verb = method.toUpperCase();
    if (!verbs.has(verb)) {
      this.state.problems.push(`beforeActivation: handle(${method} ${path}): unknown HTTP method`);
      return this;
    }
    if (!this.state.hasMethod(handlerName)) {
      this.state.problems.push(
        `beforeActivation: handle(${verb} ${path}): the controller has no method ${handlerName}`,
      );
      return this;
    }
    this.state.routes.push({
      ...options,
      method: verb as RouteMethod,
      path,
      handlerName,
      from: 'activation',
    });
    return this;
  }

  /** A provider seen by this controller's routes only (and by the controller itself). */
  provide<T>(key: InjectionKey<T>, provider: Provider<NoInfer<T>>): this {
    this.state.providers.push([key, provider as Provider<unknown>]);
    return this;
  }

  /** Keeps these methods from being routes, whatever their names or decorators say. */
  skip(...handlerNames: MethodNames<C>[]): this {
    for (const name of handlerNames) {
      if (!this.state.hasMethod(name)) {
        this.state.problems.push(`beforeActivation: skip(${name}): the controller has no method ${name}`);
      }
    }
    const skipped = new Set<string>(handlerNames);
    this.state.routes = this.state.routes.filter((r) => !skipped.has(r.handlerName));
    return this;
  }
}

/**
 * What `static afterActivation(a)` receives: the final routes and dependencies, and the
 * controller's scope to read or force.
 */
export class AfterActivation<C extends object> {
  /** Phantom: ties the hook's parameter to its controller for inference. */
  declare readonly controller?: C;

  constructor(
    private readonly state: ActivationState,
    /** The controller's dependencies: constructor arguments, then `@inject` accessors. */
    readonly dependencies: readonly { readonly label: string; readonly key: InjectionKey<unknown> }[],
  ) {}

  get routes(): readonly ControllerRoute[] {
    return this.state.routes;
  }

  get scope(): ControllerScope {
    return this.state.scope;
  }

  /** One instance for the whole container; startup fails if a dependency needs the request. */
  singleton(): this {
    this.state.scope = 'singleton';
    return this;
  }

  /** A new instance for every request, even when every dependency is a singleton. */
  perRequest(): this {
    this.state.scope = 'request';
    return this;
  }
}
