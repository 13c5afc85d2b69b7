import type { BindDeclaration, BoundInput } from '../binding/index.js';
import { HTTP_METHODS } from '../http/methods.js';
import { withCode } from '../http/startup-error.js';
import { ownMetadata } from './controller-metadata.js';
import type { DecoratedInput } from './controller-types.js';
import type { RouteMethod } from './method-name.js';
import type { RouteOptions } from './route-options.js';
import { assertStandardContext } from './standard-decorator.js';

/**
 * A standard method decorator that records a route and leaves the method as it is. `In` is what
 * the route binds: a method whose first parameter cannot take it does not compile, so a method's
 * declared input and its route's `bind` cannot contradict each other.
 */
export type RouteDecorator<In = unknown> = <This extends object>(
  method: (this: This, input: In, ...rest: never[]) => unknown,
  context: ClassMethodDecoratorContext<This>,
) => void;

type Decorator<P extends string, O> = RouteDecorator<DecoratedInput<P, O>>;

const methods = new Set<string>([...HTTP_METHODS, '*']);

function instanceMethodName(
  decorator: string,
  context: { readonly name: string | symbol; readonly static: boolean },
): string {
  const name = typeof context.name === 'symbol' ? (context.name.description ?? 'symbol') : context.name;
  if (context.static)
    throw withCode(
      new TypeError(`${decorator} cannot decorate static method ${name}: routes run on instances`),
      'BND_ERR_CONTROLLER',
    );
  if (typeof context.name === 'symbol')
    throw withCode(
      new TypeError(`${decorator} cannot decorate symbol-named method ${name}`),
      'BND_ERR_CONTROLLER',
    );
  return name;
}

/**
 * Declares a route for a method whatever its name: `@route('GET', '/{id:int}/lines', { bind })`.
 * The path is relative to the service root. A decorated method's name is not read as a route;
 * several decorators on one method give several routes.
 */
export function route<const P extends string, const O extends RouteOptions = {}>(
  method: RouteMethod | Lowercase<RouteMethod>,
  path: P,
  options: O = {} as O,
): Decorator<P, O> {
  const verb = method.toUpperCase() as RouteMethod;
  if (!methods.has(verb))
    throw withCode(
      new TypeError(`@route: unknown HTTP method ${JSON.stringify(method)}`),
      'BND_ERR_CONTROLLER',
    );
  if (typeof path !== 'string')
    throw withCode(new TypeError('@route: path must be a string'), 'BND_ERR_CONTROLLER');
  const label = verb === '*' ? '@any' : `@${verb.toLowerCase()}`;
  return (_method, context) => {
    assertStandardContext(label, context);
    const handlerName = instanceMethodName(label, context);
    const routes = ownMetadata(context).routes;
    // Stacked decorators run bottom-up; inserting before the method's earlier ones keeps source order.
    let at = routes.length;
    while (at > 0 && routes[at - 1]?.handlerName === handlerName) at--;
    routes.splice(at, 0, {
      method: verb,
      path,
      handlerName,
      options,
      read: (instance) => context.access.get(instance as never),
    });
  };
}

export function get<const P extends string, const O extends RouteOptions = {}>(
  path: P,
  options?: O,
): Decorator<P, O> {
  return route('GET', path, options);
}

export function post<const P extends string, const O extends RouteOptions = {}>(
  path: P,
  options?: O,
): Decorator<P, O> {
  return route('POST', path, options);
}

export function put<const P extends string, const O extends RouteOptions = {}>(
  path: P,
  options?: O,
): Decorator<P, O> {
  return route('PUT', path, options);
}

export function patch<const P extends string, const O extends RouteOptions = {}>(
  path: P,
  options?: O,
): Decorator<P, O> {
  return route('PATCH', path, options);
}

/** DELETE (`delete` is a reserved word, so the decorator is `del`). */
export function del<const P extends string, const O extends RouteOptions = {}>(
  path: P,
  options?: O,
): Decorator<P, O> {
  return route('DELETE', path, options);
}

export function head<const P extends string, const O extends RouteOptions = {}>(
  path: P,
  options?: O,
): Decorator<P, O> {
  return route('HEAD', path, options);
}

/** Every method (`*`); a specific method's route on the same path wins over it. */
export function any<const P extends string, const O extends RouteOptions = {}>(
  path: P,
  options?: O,
): Decorator<P, O> {
  return route('*', path, options);
}

/**
 * Adds binding and docs to the routes a method's name makes, without changing them:
 * `@endpoint({ bind: { body: Order }, returns: [...] }) post(...)`.
 */
export function endpoint<const O extends RouteOptions>(
  options: O,
): RouteDecorator<BoundInput<O extends { readonly bind: infer D extends BindDeclaration } ? D : {}, never>> {
  return (_method, context) => {
    assertStandardContext('@endpoint', context);
    const name = instanceMethodName('@endpoint', context);
    const described = ownMetadata(context).described;
    described.set(name, { ...described.get(name), ...options });
  };
}
