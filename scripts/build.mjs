// `npm run build`: declarations from tsc, JavaScript from esbuild. Each public entry
// (package.json "exports" and the CLI binary) becomes one ES module, with the code entries share
// split into chunks, so importing Bindery reads a handful of files instead of a few hundred: the
// import time of the root entry was dominated by module count. TypeBox's runtime is bundled for
// the same reason (over two hundred modules); its types stay a dependency, and TypeBox schemas
// built by the application's own copy work unchanged because TypeBox marks them with global
// symbols. Every other dependency stays an import. No source maps are shipped.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const bundled = ['@sinclair/typebox'];

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});

const entries = new Set(
  Object.values(pkg.exports)
    .filter((target) => typeof target === 'object')
    .map((target) => target.default),
);
for (const bin of Object.values(pkg.bin)) entries.add(bin);
// Started by path (cluster.setupPrimary), so it must be a file of its own at a known place.
entries.add('./dist/cli/serve/serve-worker.js');
const entryPoints = [...entries].map((path) => path.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));

await build({
  entryPoints,
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Class and function names appear in messages (dependency graph errors name classes).
  keepNames: true,
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
});
