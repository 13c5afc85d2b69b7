import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as Bindery from '../../../src/index.js';

const dist = new URL('../../../dist/index.js', import.meta.url);
const source = new URL('../../../src/index.js', import.meta.url);

/**
 * Bindery as users run it: the compiled package in dist/ (`npm run bench` builds it first). The
 * TypeScript sources run through a loader that wraps every closure to keep its name, which costs
 * Bindery about half again its own time per request and would not be a fair figure. Without a
 * build (the correctness tests) the sources are used.
 */
export async function loadBindery(): Promise<typeof Bindery> {
  if (existsSync(fileURLToPath(dist))) return (await import(dist.href)) as typeof Bindery;
  if (process.env.BINDERY_BENCH_REQUIRE_DIST === '1') {
    throw new Error('dist/index.js is missing: run `npm run build` before benchmarking');
  }
  return (await import(source.href)) as typeof Bindery;
}
