// `npm run build`: declarations from tsc, JavaScript from esbuild. Each public entry
// (package.json "exports" and the CLI binary) becomes one ES module, with the code entries share
// split into chunks, so importing Bindery reads a handful of files instead of a few hundred: the
// import time of the root entry was dominated by module count. TypeBox's runtime is bundled for
// the same reason (over two hundred modules); its types stay a dependency, and TypeBox schemas
// built by the application's own copy work unchanged because TypeBox marks them with global
// symbols. Every other dependency stays an import. No source maps are shipped.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { esbuildOptions } from './esbuild-options.mjs';

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
await build(esbuildOptions());
