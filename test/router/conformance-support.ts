import assert from 'node:assert/strict';
import type { LookupResult, RouteMatch, RouterOptions, RouteTable } from '../../src/router/index.js';

/** The options the suite sets: `Router`'s, but for how it runs its lookups. */
export type SuiteOptions = Omit<RouterOptions, 'codegen'>;

/**
 * Builds the route table under test. The suite uses nothing but the `RouteTable` interface, so
 * every implementation of it must pass.
 */
export type RouterFactory = <T>(options?: SuiteOptions) => RouteTable<T>;

export type Routes = readonly (readonly [method: string, template: string])[];

/** A router whose value for each route is its template, so a hit names what matched. */
export function table(create: RouterFactory, routes: Routes, options?: SuiteOptions): RouteTable<string> {
  const router = create<string>(options);
  for (const [method, template] of routes) router.add(method, template, `${method} ${template}`);
  return router;
}

/** What a lookup found, as `"METHOD template"` plus params, or the kind of miss. */
export function hit(result: LookupResult<string>): unknown {
  return result.kind === 'found' ? { route: result.value, params: { ...result.params } } : result;
}

export function expectHit(
  router: RouteTable<string>,
  method: string,
  path: string,
  route: string,
  params = {},
): void {
  assert.deepEqual(hit(router.lookup(method, path)), { route, params }, `${method} ${path}`);
}

export function expectMiss(router: RouteTable<string>, method: string, path: string): void {
  assert.deepEqual(router.lookup(method, path), { kind: 'not-found' }, `${method} ${path}`);
}

/** The value and params of a match, or null for anything else. */
export function find<T>(router: RouteTable<T>, method: string, path: string): RouteMatch<T> | null {
  const result = router.lookup(method, path);
  return result.kind === 'found' ? result : null;
}
