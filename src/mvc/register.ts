import type { DepsTuple } from '../inject/index.js';
import { setControllerRegistrar, type WebService } from '../service/index.js';
import {
  type ControllerClass,
  type ControllerDefinition,
  controllerRoutes,
} from './controller-definition.js';
import type { ControllerRoute } from './controller-route.js';

/**
 * Registers a controller's routes on a web service through the ordinary route builder, so they
 * are routes like any other: same filters, binding, docs and startup checks. Each route injects
 * the controller (under its class) and sees the controller's providers.
 */
export function registerController<C extends object, const K extends DepsTuple = readonly []>(
  ws: WebService,
  Controller: ControllerClass<C, K>,
): ControllerDefinition<C> {
  const definition = controllerRoutes(Controller);
  for (const route of definition.routes) register(ws, definition, route);
  return definition;
}

function register<C extends object>(
  ws: WebService,
  definition: ControllerDefinition<C>,
  route: ControllerRoute,
): void {
  const builder = ws.route(route.method, route.path);
  if (route.doc !== undefined) builder.doc(route.doc);
  if (route.notes !== undefined) builder.notes(route.notes);
  if (route.operation !== undefined) builder.operation(route.operation);
  if (route.tags !== undefined) builder.tags(...route.tags);
  for (const response of route.returns ?? [])
    builder.returns(response.status, response.description, response.schema);
  if (route.consumes !== undefined) builder.consumes(...route.consumes);
  if (route.produces !== undefined) builder.produces(...route.produces);
  if (route.deprecated !== undefined) builder.deprecate(route.deprecated);
  for (const filter of route.filters ?? []) builder.filter(filter);
  for (const [key, value] of Object.entries(route.metadata ?? {})) builder.metadata(key, value);
  for (const requirement of route.security ?? []) builder.security(...requirement);
  builder.metadata('controller', { name: definition.name, handler: route.handlerName });
  for (const [key, provider] of definition.providers) builder.provide(key, provider);
  const bound =
    route.bind === undefined ? builder : builder.bind(route.bind, { allowBody: route.allowBody ?? false });
  bound.inject({ controller: definition.controller }).to(definition.action(route.handlerName));
}

// `ws.controller(C)` lives on the service layer, which cannot import this one.
setControllerRegistrar((ws, Controller) => {
  registerController(ws, Controller as ControllerClass<object>);
});
