import assert from 'node:assert/strict';
import type { LookupResult, Router, RouterOptions } from '../../src/router/index.js';

/** Builds the router under test; every implementation of the contract must pass this suite. */
export type RouterFactory = <T>(options?: RouterOptions) => Router<T>;

export type Routes = readonly (readonly [method: string, template: string])[];

/** A router whose value for each route is its template, so a hit names what matched. */
export function table(create: RouterFactory, routes: Routes, options?: RouterOptions): Router<string> {
  const router = create<string>(options);
  for (const [method, template] of routes) router.add(method, template, `${method} ${template}`);
  return router;
}

/** What a lookup found, as `"METHOD template"` plus params, or the kind of miss. */
export function hit(result: LookupResult<string>): unknown {
  return result.kind === 'found' ? { route: result.value, params: { ...result.params } } : result;
}

export function expectHit(
  router: Router<string>,
  method: string,
  path: string,
  route: string,
  params = {},
): void {
  assert.deepEqual(hit(router.lookup(method, path)), { route, params }, `${method} ${path}`);
}

export function expectMiss(router: Router<string>, method: string, path: string): void {
  assert.deepEqual(router.lookup(method, path), { kind: 'not-found' }, `${method} ${path}`);
}
