import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
// @ts-expect-error: a plain ES module of the build scripts, without types of its own.
import { esbuildOptions } from '../scripts/esbuild-options.mjs';

// The package is bundled without esbuild's keepNames (its `__name` wrapper costs on the request
// path), so a name the bundle changed to resolve a clash between modules would reach users in
// `instanceof`-free checks, stack traces and messages that print a class's name. This builds the
// modules as `npm run build` does and holds every class to its own name, and every exported
// class and function of the public entries to the name it is exported under.

const outdir = join(import.meta.dirname, '..', 'node_modules', '.cache', 'bindery-build-names');
after(() => rmSync(outdir, { recursive: true, force: true }));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : entry.name.endsWith('.js')
        ? [join(dir, entry.name)]
        : [],
  );
}

test('the bundle renames no class, and public classes and functions keep their names', async () => {
  rmSync(outdir, { recursive: true, force: true });
  await build(esbuildOptions(outdir) as Parameters<typeof build>[0]);

  const renamed = files(outdir).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\bclass ([A-Za-z_$][\w$]*?\d+)\b/g)].map((m) => m[1]),
  );
  assert.deepEqual(renamed, [], 'classes esbuild renamed to resolve a clash');

  const mismatched: string[] = [];
  for (const entry of [
    'index.js',
    'http/index.js',
    'components/index.js',
    'router/index.js',
    'testing/index.js',
  ]) {
    const module = (await import(pathToFileURL(join(outdir, entry)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value !== 'function' || value.name === name) continue;
      mismatched.push(`${entry}: ${name} is named ${JSON.stringify(value.name)}`);
    }
  }
  assert.deepEqual(mismatched, []);
});
