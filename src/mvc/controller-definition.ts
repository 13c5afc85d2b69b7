import { withCode } from '../http/startup-error.js';
import type { DepsTuple, InjectionKey, Provider, ResolvedTuple } from '../inject/index.js';
import {
  type ActivationState,
  AfterActivation,
  BeforeActivation,
  type ControllerScope,
} from './activation.js';
import { type ControllerAction, controllerAction } from './controller-action.js';
import { ControllerError } from './controller-error.js';
import { type ControllerMetadata, type FieldInjection, metadataChain } from './controller-metadata.js';
import { controllerDependencies, controllerProvider } from './controller-provider.js';
import type { ControllerRoute } from './controller-route.js';
import { defaultParam, MethodNameError, parseMethodName, templateOf } from './method-name.js';
import type { RouteOptions } from './route-options.js';

/** The static side a controller class may have. */
export interface ControllerStatics<C extends object> {
  /** Constructor dependencies, in order: `static inject = [Orders, Clock] as const`. */
  readonly inject?: DepsTuple;
  /**
   * The methods routed by their names (see ControllerExpose). Others are routed only when
   * decorated: a method named like a route is not exposed by its name alone.
   */
  readonly expose?: readonly string[];
  /** `By` parameter segments per method (see ControllerParams). */
  readonly params?: Readonly<Record<string, string | readonly string[]>>;
  /** Defaults to `auto`: a singleton unless a dependency needs the request. */
  readonly scope?: ControllerScope;
  beforeActivation?(b: BeforeActivation<C>): void;
  afterActivation?(a: AfterActivation<C>): void;
}

/** A controller class: its constructor takes what `static inject` declares. */
export type ControllerClass<C extends object, K extends DepsTuple = DepsTuple> = (new (
  ...args: ResolvedTuple<K>
) => C) &
  ControllerStatics<C> & { readonly inject?: K };

/** A controller turned into routes, plus what each route needs to run it. */
export interface ControllerDefinition<C extends object> {
  readonly controller: abstract new (...args: never[]) => C;
  readonly name: string;
  readonly routes: readonly ControllerRoute[];
  /**
   * Providers every route of the controller must see: the controller itself (under its class)
   * and those given in beforeActivation. They are the same provider objects on every route, so
   * a singleton is shared by all of them.
   */
  readonly providers: readonly (readonly [InjectionKey<unknown>, Provider<unknown>])[];
  readonly scope: ControllerScope;
  /** The handler of the route(s) answered by `handlerName`. */
  action(handlerName: string): ControllerAction<C>;
}

const hookNames = new Set(['constructor', 'beginRequest', 'endRequest']);
const paramShape = /^\{[A-Za-z_][A-Za-z0-9_]*(?::[\s\S]*)?\}$/;
const tailShape = /^\{[A-Za-z_][A-Za-z0-9_]*:\s*(?:path|\*)\s*\}$/;
const scopes = new Set<unknown>(['auto', 'singleton', 'request']);

/** Public methods of the class and its ancestors, base class first, each name once. */
function methodNames(prototype: object): string[] {
  const chain: object[] = [];
  for (let p: object | null = prototype; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p))
    chain.unshift(p);
  const names = new Set<string>();
  for (const proto of chain) {
    for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (typeof descriptor.value === 'function' && !hookNames.has(name)) names.add(name);
    }
  }
  return [...names];
}

/** The `By` segments of a method: declared ones, checked, or the defaults. */
function paramsFor(
  name: string,
  wildcards: readonly boolean[],
  declared: string | readonly string[] | undefined,
  problems: string[],
): string[] {
  if (declared === undefined) return wildcards.map((wildcard, i) => defaultParam(i, wildcard));
  const list = typeof declared === 'string' ? [declared] : [...declared];
  if (list.length !== wildcards.length) {
    problems.push(
      `params.${name} gives ${list.length} segment${list.length === 1 ? '' : 's'} but the name has ${wildcards.length} By`,
    );
    return wildcards.map((wildcard, i) => defaultParam(i, wildcard));
  }
  list.forEach((segment, i) => {
    if (typeof segment !== 'string' || !paramShape.test(segment)) {
      problems.push(
        `params.${name}: ${JSON.stringify(segment)} is not one path parameter like {id} or {id:int}`,
      );
    } else if (wildcards[i] === true && !tailShape.test(segment)) {
      problems.push(
        `params.${name}: ${segment} stands for ByWildcard, so it must take the rest of the path (like {rest:path})`,
      );
    }
  });
  return list;
}

/** Merges `@endpoint` options for a method across the class chain, nearest class last. */
function describedOptions(chain: readonly ControllerMetadata[], name: string): RouteOptions {
  let options: RouteOptions = {};
  for (const metadata of chain) {
    const own = metadata.described.get(name);
    if (own !== undefined) options = { ...options, ...own };
  }
  return options;
}

/** The routes public method names make, with their `static params` checked. */
function routesFromNames<C extends object>(
  Controller: ControllerStatics<C>,
  prototype: object,
  chain: readonly ControllerMetadata[],
  decorated: ReadonlySet<string>,
  routes: ControllerRoute[],
  readers: Map<string, (instance: C) => unknown>,
  problems: string[],
): void {
  const declaredParams = Controller.params ?? {};
  const exposed = exposedNames(Controller, problems);
  const methods = methodNames(prototype);
  const named = new Set<string>();
  for (const method of methods) {
    if (decorated.has(method)) continue;
    // `@endpoint` on a method is as explicit as listing it.
    if (!exposed.has(method) && !chain.some((m) => m.described.has(method))) continue;
    let parsed: ReturnType<typeof parseMethodName>;
    try {
      parsed = parseMethodName(method);
    } catch (error) {
      if (!(error instanceof MethodNameError)) throw error;
      problems.push(error.message);
      continue;
    }
    if (parsed === undefined) {
      if (exposed.has(method))
        problems.push(`expose lists ${method}, but its name says no route (see the naming rules)`);
      continue;
    }
    named.add(method);
    const wildcards = parsed.segments.flatMap((s) => (s.kind === 'param' ? [s.wildcard] : []));
    const params = paramsFor(method, wildcards, declaredParams[method], problems);
    routes.push({
      ...describedOptions(chain, method),
      method: parsed.method,
      path: templateOf(parsed, params),
      handlerName: method,
      from: 'name',
    });
    readers.set(method, (instance) => (instance as Record<string, unknown>)[method]);
  }
  for (const key of Object.keys(declaredParams)) {
    if (!named.has(key)) problems.push(`params.${key}: no method of that name is routed by its name`);
  }
  const known = new Set(methods);
  for (const name of exposed) {
    if (!known.has(name)) problems.push(`expose lists ${name}, which is not a method of the controller`);
    else if (decorated.has(name)) problems.push(`expose lists ${name}, which a decorator already routes`);
  }
}

/**
 * Every `static expose` list of the class and its ancestors: each class exposes its own
 * methods, and a subclass's list adds to its base's. Anything but a list of names is a problem.
 */
function exposedNames(Controller: object, problems: string[]): Set<string> {
  const names = new Set<string>();
  for (
    let c: object | null = Controller;
    c !== null && c !== Function.prototype;
    c = Object.getPrototypeOf(c)
  ) {
    if (!Object.hasOwn(c, 'expose')) continue;
    const expose: unknown = (c as { expose?: unknown }).expose;
    if (!Array.isArray(expose) || expose.some((name) => typeof name !== 'string')) {
      problems.push('static expose must be a list of method names');
      continue;
    }
    for (const name of expose as string[]) names.add(name);
  }
  return names;
}

/**
 * Reads a controller class into routes: the methods `static expose` lists (or `@endpoint`
 * describes), named by the rules (`getBy` → `GET /{id}`), decorated methods, then the activation
 * hooks. Every problem found is thrown together in one
 * ControllerError.
 */
export function controllerRoutes<C extends object, const K extends DepsTuple = readonly []>(
  Controller: ControllerClass<C, K>,
): ControllerDefinition<C> {
  if (typeof Controller !== 'function')
    throw withCode(
      new TypeError('controllerRoutes(Controller): Controller must be a class'),
      'BND_ERR_CONTROLLER',
    );
  const name = Controller.name === '' ? '(anonymous controller)' : Controller.name;
  const prototype = Controller.prototype as Record<string, unknown>;
  const chain = metadataChain(Controller);
  const problems: string[] = [];
  const readers = new Map<string, (instance: C) => unknown>();
  const routes: ControllerRoute[] = [];

  const decorated = new Set<string>();
  for (const metadata of chain) for (const route of metadata.routes) decorated.add(route.handlerName);

  routesFromNames(Controller, prototype, chain, decorated, routes, readers, problems);

  for (const metadata of chain) {
    for (const route of metadata.routes) {
      const options = { ...describedOptions(chain, route.handlerName), ...route.options };
      routes.push({
        ...options,
        method: route.method,
        path: route.path,
        handlerName: route.handlerName,
        from: 'decorator',
      });
      readers.set(route.handlerName, route.read as (instance: C) => unknown);
    }
  }

  const declaredScope = Controller.scope ?? 'auto';
  if (!scopes.has(declaredScope))
    problems.push(`scope must be 'auto', 'singleton' or 'request', not ${JSON.stringify(declaredScope)}`);
  const state: ActivationState = {
    routes,
    providers: [],
    problems,
    scope: declaredScope,
    hasMethod: (method) => typeof prototype[method] === 'function' && !hookNames.has(method),
  };
  Controller.beforeActivation?.(new BeforeActivation<C>(state));
  for (const route of state.routes) {
    if (route.from === 'activation' && !readers.has(route.handlerName)) {
      readers.set(route.handlerName, (instance) => (instance as Record<string, unknown>)[route.handlerName]);
    }
  }

  const seen = new Map<string, string>();
  for (const route of state.routes) {
    const where = `${route.method} ${route.path}`;
    const first = seen.get(where);
    if (first === undefined) seen.set(where, route.handlerName);
    else problems.push(`${where} is routed to both ${first} and ${route.handlerName}`);
  }
  const ctorDeps: DepsTuple = Controller.inject ?? [];
  if (!Array.isArray(ctorDeps)) problems.push('static inject must be an array of tokens or classes');
  else if (Controller.length > ctorDeps.length) {
    problems.push(
      `the constructor takes ${Controller.length} arguments but static inject declares ${ctorDeps.length}`,
    );
  }
  if (state.routes.length === 0 && problems.length === 0)
    problems.push(
      'no method is a route: list methods named by the rules in static expose, decorate one, or add one in beforeActivation',
    );
  if (problems.length > 0) throw new ControllerError(name, problems);

  const fields: FieldInjection[] = chain.flatMap((metadata) => metadata.fields);
  Controller.afterActivation?.(new AfterActivation<C>(state, controllerDependencies(ctorDeps, fields)));

  const asKey = Controller as unknown as abstract new (...args: never[]) => C;
  const provider = controllerProvider<C>(asKey, ctorDeps, fields, state.scope);

  const hooks = {
    begin: typeof prototype.beginRequest === 'function',
    end: typeof prototype.endRequest === 'function',
  };
  const actions = new Map<string, ControllerAction<C>>();
  return {
    controller: asKey,
    name,
    routes: state.routes,
    providers: [[asKey, provider as Provider<unknown>], ...state.providers],
    scope: state.scope,
    action(handlerName) {
      let action = actions.get(handlerName);
      if (action === undefined) {
        const read = readers.get(handlerName);
        // Invariant: the registrar asks only for handlers this definition listed as routes.
        if (read === undefined) throw new Error(`${name} has no route answered by ${handlerName}`);
        action = controllerAction<C>(read, hooks);
        actions.set(handlerName, action);
      }
      return action;
    },
  };
}
