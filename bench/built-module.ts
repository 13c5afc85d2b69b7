import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);

/**
 * A Bindery module as users run it: the build in dist/ (the bench scripts build first). Through
 * tsx, every class and named closure gets an extra naming call and renamed classes lose V8's
 * fast `instanceof`, a cost the peers (plain JavaScript) do not pay. Without a build (the
 * correctness tests) the TypeScript source is used, unless BINDERY_BENCH_REQUIRE_DIST=1.
 *
 * `path` is the module's path under src/ without extension: `index`, `router/index`.
 */
export async function loadBuilt<M>(path: string): Promise<M> {
  const dist = new URL(`dist/${path}.js`, root);
  if (existsSync(fileURLToPath(dist))) return (await import(dist.href)) as M;
  if (process.env.BINDERY_BENCH_REQUIRE_DIST === '1') {
    throw new Error(`dist/${path}.js is missing: run \`npm run build\` before benchmarking`);
  }
  return (await import(new URL(`src/${path}.js`, root).href)) as M;
}
