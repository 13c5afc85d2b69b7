import { RouteConflictError } from '../router/index.js';
import type { CompiledRoute } from './compiled-route.js';
import { describeService } from './route-media-check.js';

/**
 * A router conflict, told with both routes' web services: the router knows only templates, the
 * container knows which service declared each. `others` are the routes of the same table.
 */
export function conflictNamingServices(
  error: unknown,
  route: CompiledRoute,
  others: readonly CompiledRoute[],
): unknown {
  if (!(error instanceof RouteConflictError)) return error;
  const other = others.findLast((r) => r.method === error.method && r.template === error.existing);
  const where = (r: CompiledRoute) => `${r.name} of ${describeService(r.service)}`;
  const existing = other === undefined ? `${error.method} ${error.existing}` : where(other);
  const named = new RouteConflictError(error.method, error.template, error.existing);
  named.message = `route ${where(route)} conflicts with route ${existing}: both answer the same requests`;
  return named;
}
