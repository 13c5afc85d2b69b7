import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';
import { createOrdersApp } from '../../examples/orders/app.js';

// Every ```ts / ```typescript block in README.md and docs/*.md is a complete module that
// compiles as written against Bindery's own sources (`binderyjs` and its subpaths resolve as
// package.json exports them). All samples go into ONE program with the project's tsconfig
// options, so src/ is loaded once, not once per sample.
//
// Opting out: a block whose fence line reads ```ts nocheck is skipped. Use it only for text that
// cannot be a module of its own; json, sh and yaml blocks are not TypeScript and need no marker.
//
// Each page's samples share a folder, so one may import another: a sample whose first line is a
// comment naming a file (`// app.ts`) is written under that name (`./app.js` imports it);
// the others are sample-<fence line>.ts.

const root = fileURLToPath(new URL('../../', import.meta.url));
const languages = new Set(['ts', 'typescript']);

interface Sample {
  /** The markdown file, relative to the repository root. */
  doc: string;
  /** 1-based line of the opening fence. */
  fence: number;
  code: string;
  /** Where the sample lives in the program (a virtual file under the repository). */
  path: string;
}

/** The folder a page's samples live in: under the repository, so node_modules resolve. */
function folderOf(doc: string): string {
  return join(root, '.doc-samples', doc.replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-'));
}

async function markdownFiles(): Promise<string[]> {
  const docs = (await readdir(join(root, 'docs'))).filter((name) => name.endsWith('.md')).sort();
  return ['README.md', ...docs.map((name) => `docs/${name}`)];
}

function extract(doc: string, text: string): Sample[] {
  const samples: Sample[] = [];
  const lines = text.split('\n');
  let open: { fence: number; info: string[]; body: string[] } | undefined;
  for (const [index, line] of lines.entries()) {
    const fence = /^\s*```(.*)$/.exec(line);
    if (open === undefined) {
      if (fence !== null) {
        open = { fence: index + 1, info: (fence[1] ?? '').trim().split(/\s+/), body: [] };
      }
      continue;
    }
    if (fence === null) {
      open.body.push(line);
      continue;
    }
    const [language, ...flags] = open.info;
    if (language !== undefined && languages.has(language) && !flags.includes('nocheck')) {
      const named = /^\/\/ ([\w-]+\.ts)\b/.exec(open.body[0] ?? '');
      const path = join(folderOf(doc), named?.[1] ?? `sample-${open.fence}.ts`);
      assert.ok(
        !samples.some((sample) => sample.path === path),
        `${doc}:${open.fence}: another sample is already ${relative(folderOf(doc), path)}`,
      );
      samples.push({ doc, fence: open.fence, code: open.body.join('\n'), path });
    }
    open = undefined;
  }
  assert.equal(open, undefined, `${doc}: a code fence opened at line ${open?.fence} is never closed`);
  return samples;
}

/** `binderyjs` and its subpaths as package.json exports them, pointed at the sources in src/. */
async function packagePaths(): Promise<Record<string, string[]>> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, string | { types?: string }>;
  };
  const paths: Record<string, string[]> = {};
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string' || target.types === undefined) continue;
    const source = target.types.replace(/^\.\/dist\//, './src/').replace(/\.d\.ts$/, '.ts');
    paths[subpath === '.' ? pkg.name : `${pkg.name}${subpath.slice(1)}`] = [join(root, source)];
  }
  return paths;
}

/**
 * The types openapi-typescript writes for the example's document: docs/openapi.md generates a
 * client from it (`./orders-api.js`), so that sample is checked against the real document.
 */
async function ordersApiTypes(): Promise<string> {
  const data = await mkdtemp(join(tmpdir(), 'bindery-doc-samples-'));
  const app = await createOrdersApp({ dataDir: data, logger: false });
  try {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    return astToString(await openapiTS(response.json() as OpenAPI3));
  } finally {
    await app.close();
    await rm(data, { recursive: true, force: true });
  }
}

test('every TypeScript sample in README.md and docs/ compiles as written', async (t) => {
  const samples: Sample[] = [];
  for (const doc of await markdownFiles()) {
    samples.push(...extract(doc, await readFile(join(root, doc), 'utf8')));
  }
  assert.ok(samples.length > 0, 'no samples found');

  const virtual = new Map(samples.map((sample) => [sample.path, sample.code]));
  virtual.set(join(folderOf('docs/openapi.md'), 'orders-api.d.ts'), await ordersApiTypes());

  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  assert.equal(config.error, undefined);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    declaration: false,
    sourceMap: false,
    paths: {
      ...(await packagePaths()),
      // docs/client.md imports its server's app.ts from a workspace package in a monorepo.
      '@acme/orders-server/app': [join(folderOf('docs/client.md'), 'app.ts')],
    },
  };

  const host = ts.createCompilerHost(options);
  const { fileExists, readFile: readText, getSourceFile } = host;
  const folders = new Set([...virtual.keys()].map((path) => dirname(path)));
  const { directoryExists } = host;
  host.fileExists = (path) => virtual.has(path) || fileExists.call(host, path);
  host.directoryExists = (path) =>
    folders.has(path) || join(root, '.doc-samples') === path || (directoryExists?.call(host, path) ?? true);
  host.readFile = (path) => virtual.get(path) ?? readText.call(host, path);
  host.getSourceFile = (path, language, onError, create) => {
    const text = virtual.get(path);
    if (text !== undefined) return ts.createSourceFile(path, text, language);
    return getSourceFile.call(host, path, language, onError, create);
  };

  const program = ts.createProgram({
    rootNames: samples.map((sample) => sample.path),
    options,
    host,
  });
  const byPath = new Map(samples.map((sample) => [sample.path, sample]));
  const failures: string[] = [];
  // Only the samples are checked: src/ has its own typecheck, and checking just these files
  // costs a fraction of a whole-program pass (declarations they use are resolved lazily).
  const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const sample of samples) {
    const file = program.getSourceFile(sample.path);
    assert.ok(file !== undefined, `${sample.doc}:${sample.fence}: the sample is not in the program`);
    diagnostics.push(...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file));
  }
  for (const diagnostic of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const file = diagnostic.file;
    const sample = file === undefined ? undefined : byPath.get(file.fileName);
    if (file === undefined || diagnostic.start === undefined) {
      failures.push(`(no file): TS${diagnostic.code} ${message}`);
      continue;
    }
    const { line } = file.getLineAndCharacterOfPosition(diagnostic.start);
    if (sample === undefined) {
      failures.push(`${relative(root, file.fileName)}:${line + 1}: TS${diagnostic.code} ${message}`);
      continue;
    }
    failures.push(
      `${sample.doc}:${sample.fence + 1 + line} (block at line ${sample.fence}): TS${diagnostic.code} ${message}`,
    );
  }
  t.diagnostic(`${samples.length} samples checked`);
  if (failures.length > 0) {
    assert.fail(`${failures.length} diagnostics in ${samples.length} samples:\n${failures.join('\n')}`);
  }
});
