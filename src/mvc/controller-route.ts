import type { RouteMethod } from './method-name.js';
import type { RouteOptions } from './route-options.js';

/** One route a controller gives its web service. */
export interface ControllerRoute extends RouteOptions {
  readonly method: RouteMethod;
  /** Template relative to the service root (`/`, `/{id:int}`, `/login`). */
  readonly path: string;
  /** The controller method that answers it. */
  readonly handlerName: string;
  /** What declared it: the method's name, a decorator, or `beforeActivation`. */
  readonly from: 'name' | 'decorator' | 'activation';
}

/** The names of an instance's methods: what `handle` and `skip` accept. */
export type MethodNames<C> = {
  [K in keyof C]: C[K] extends (...args: never) => unknown ? K : never;
}[keyof C] &
  string;

/**
 * Parameter declarations for the `By` parts of method names, one segment per `By`:
 * `static params = { getBy: '{id:int}', getUserByPostBy: ['{user:int}', '{post:uuid}'] }`.
 * Annotate with `satisfies ControllerParams<MyController>` to have method names checked.
 */
export type ControllerParams<C> = { readonly [K in MethodNames<C>]?: string | readonly string[] };

/**
 * The methods routed by their names: `static expose = ['get', 'getBy'] as const satisfies
 * ControllerExpose<MyController>`. TypeScript's `private` leaves no trace at run time, so a name
 * alone never makes a route; listing it here (or decorating the method) does. A `private`
 * method is not among `MethodNames`, so the compiler refuses to list one.
 */
export type ControllerExpose<C> = readonly MethodNames<C>[];
