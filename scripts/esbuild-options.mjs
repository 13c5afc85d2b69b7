// The JavaScript half of `npm run build`, shared with the test that checks the bundle's names.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const bundled = ['@sinclair/typebox'];

const entries = new Set(
  Object.values(pkg.exports)
    .filter((target) => typeof target === 'object')
    .map((target) => target.default),
);
for (const bin of Object.values(pkg.bin)) entries.add(bin);
// Started by path (cluster.setupPrimary), so it must be a file of its own at a known place.
entries.add('./dist/cli/serve/serve-worker.js');

/** The sources of the package's entries (`src/….ts`). */
export const entryPoints = [...entries].map((path) =>
  path.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'),
);

/** esbuild's options for the package's modules, written to `outdir`. */
export function esbuildOptions(outdir = 'dist') {
  return {
    entryPoints,
    outdir,
    outbase: 'src',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // No keepNames: it wraps every named closure in a `__name` call that redefines the name each
    // time the closure is made, a measurable cost on the request path. Bundling renames only on
    // a clash between modules; test/build-names.test.ts holds every exported class and function
    // to its own name.
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
    plugins: [
      {
        name: 'dependencies-stay-imports',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            const bundle = bundled.some((name) => args.path === name || args.path.startsWith(`${name}/`));
            return bundle ? undefined : { path: args.path, external: true };
          });
        },
      },
    ],
  };
}
