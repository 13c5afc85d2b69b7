import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// Extracts the TypeScript samples of markdown pages and type-checks them in ONE program with
// the project's tsconfig options (`binderyjs` and its subpaths resolve to src/ as package.json
// exports them), so src/ is loaded once, not once per sample.
//
// Opting out: a block whose fence line reads ```ts nocheck is skipped. Use it only for text that
// cannot be a module of its own; json, sh and yaml blocks are not TypeScript and need no marker.
//
// Each page's samples share a folder, so one may import another: a sample whose first line is a
// comment naming a file (`// app.ts`) is written under that name (`./app.js` imports it); the
// others are sample-<fence line>.ts.

export const root = fileURLToPath(new URL('../../', import.meta.url));
const languages = new Set(['ts', 'typescript']);

export interface Sample {
  /** The markdown file, relative to the repository root. */
  doc: string;
  /** 1-based line of the opening fence. */
  fence: number;
  code: string;
  /** Where the sample lives in the program: a virtual file under the repository. */
  path: string;
}

/** The folder a page's samples live in: under the repository, so node_modules resolve. */
export function folderOf(doc: string): string {
  return join(root, '.doc-samples', doc.replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-'));
}

export function extractSamples(doc: string, text: string): Sample[] {
  const samples: Sample[] = [];
  let open: { fence: number; info: string[]; body: string[] } | undefined;
  for (const [index, line] of text.split('\n').entries()) {
    const fence = /^\s*```(.*)$/.exec(line);
    if (open === undefined) {
      if (fence !== null) open = { fence: index + 1, info: (fence[1] ?? '').trim().split(/\s+/), body: [] };
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

export interface CheckOptions {
  /** Further virtual files by absolute path (declarations the samples import). */
  files?: ReadonlyMap<string, string>;
  /** Further module names, as tsconfig `paths`. */
  paths?: Record<string, string[]>;
}

/**
 * Type-checks the samples together; returns one line per diagnostic, `doc:line (block at line
 * N): TSxxxx message`, the line being the markdown line the diagnostic points at.
 */
export async function checkSamples(samples: readonly Sample[], extra: CheckOptions = {}): Promise<string[]> {
  const virtual = new Map(samples.map((sample) => [sample.path, sample.code]));
  for (const [path, text] of extra.files ?? []) virtual.set(path, text);

  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  assert.equal(config.error, undefined);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    declaration: false,
    sourceMap: false,
    paths: { ...(await packagePaths()), ...extra.paths },
  };

  const host = ts.createCompilerHost(options);
  const { directoryExists, fileExists, getSourceFile, readFile: readText } = host;
  const folders = new Set([...virtual.keys()].map((path) => dirname(path)));
  host.fileExists = (path) => virtual.has(path) || fileExists.call(host, path);
  host.directoryExists = (path) =>
    folders.has(path) || path === join(root, '.doc-samples') || (directoryExists?.call(host, path) ?? true);
  host.readFile = (path) => virtual.get(path) ?? readText.call(host, path);
  host.getSourceFile = (path, language, onError, create) => {
    const text = virtual.get(path);
    if (text !== undefined) return ts.createSourceFile(path, text, language);
    return getSourceFile.call(host, path, language, onError, create);
  };
  const program = ts.createProgram({ rootNames: samples.map((sample) => sample.path), options, host });

  // Only the samples are checked: src/ has its own typecheck, and checking just these files
  // costs a fraction of a whole-program pass (declarations they use are resolved lazily).
  const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const sample of samples) {
    const file = program.getSourceFile(sample.path);
    assert.ok(file !== undefined, `${sample.doc}:${sample.fence}: the sample is not in the program`);
    diagnostics.push(...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file));
  }

  const byPath = new Map(samples.map((sample) => [sample.path, sample]));
  return diagnostics.map((diagnostic) => {
    const message = `TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    const file = diagnostic.file;
    if (file === undefined || diagnostic.start === undefined) return `(no file): ${message}`;
    const { line } = file.getLineAndCharacterOfPosition(diagnostic.start);
    const sample = byPath.get(file.fileName);
    if (sample === undefined) return `${relative(root, file.fileName)}:${line + 1}: ${message}`;
    return `${sample.doc}:${sample.fence + 1 + line} (block at line ${sample.fence}): ${message}`;
  });
}
