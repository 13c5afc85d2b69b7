import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { builtInErrorCodes, startupErrorCodes } from '../../src/http/index.js';

// Every error Bindery raises carries a registry code: a StartupError (or a class extending it), an
// HttpError, or a TypeError/RangeError given one with `withCode`. This test fails when an
// uncoded `new Error(` (or TypeError, RangeError, SyntaxError, AggregateError) appears in src
// outside the list below, which holds internal invariants and errors that Bindery wraps in a coded
// one before anybody sees them. Each entry says why; an entry that no longer matches also fails.

interface Allowed {
  /** A file, or a folder ending in '/'. */
  readonly path: string;
  /** Text on the line of the `new …Error(` or the next one; absent for a whole folder. */
  readonly text?: string;
  readonly why: string;
}

const allowed: readonly Allowed[] = [
  {
    path: 'src/components/bindings/',
    why: "a component's own errors, in the words of Dapr's component: the runtime reports them as a ComponentLoadError at start and as BND_ERR_OUTPUT_BINDING on a call",
  },
  { path: 'src/components/secrets/', why: 'as for bindings: a secret store is a component' },
  {
    path: 'src/components/resiliency/',
    why: 'problems of a resiliency document, collected into the ComponentLoadError of the start',
  },
  { path: 'src/components/go-json.ts', why: 'encoding failure of one binding call (BND_ERR_OUTPUT_BINDING)' },
  {
    path: 'src/components/go-yaml.ts',
    text: 'YAML nesting too deep',
    why: 'a component file problem, caught and listed as a skipped document of that file',
  },
  {
    path: 'src/components/component-file.ts',
    text: 'json: unsupported value',
    why: 'a component file problem, caught and listed as a skipped document of that file',
  },
  {
    path: 'src/components/binding-data.ts',
    why: 'encoding failure of one binding call (BND_ERR_OUTPUT_BINDING)',
  },
  {
    path: 'src/components/component-init.ts',
    text: 'reject(new Error(message))',
    why: "a component's init timeout, collected into the ComponentLoadError of the start",
  },
  { path: 'src/components/binding-checks.ts', why: 'the reason a health check reports, not an error raised' },
  {
    path: 'src/service/health/health-check.ts',
    text: 'no answer within',
    why: 'the reason a health check reports, not an error raised',
  },
  {
    path: 'src/components/bindings-runtime.ts',
    text: 'the bindings runtime is',
    why: 'the reason a binding health check (ping) reports',
  },
  {
    path: 'src/components/bindings-runtime.ts',
    text: 'bindingMessages.notFound(name)',
    why: 'the reason a binding health check (ping) reports',
  },
  {
    path: 'src/components/input/input-bindings.ts',
    text: 'is not delivering',
    why: "the delivery of one event fails; the component answers its broker as Dapr's does",
  },
  {
    path: 'src/components/input/input-bindings.ts',
    text: 'error invoking app',
    why: "the delivery of one event fails; the component answers its broker as Dapr's does",
  },
  {
    path: 'src/components/input/input-bindings.ts',
    text: 'input binding is closed',
    why: 'an event that arrives while the binding stops; the component redelivers it',
  },
  {
    path: 'src/components/input/input-bindings.ts',
    text: 'no answer within',
    why: 'cause of the coded probe failure thrown just below',
  },
  {
    path: 'src/components/input/http-app-channel.ts',
    text: 'stopped waiting for the app',
    why: 'ends a wait its own caller aborted',
  },
  { path: 'src/router/trie.ts', text: 'throw new Error(reason)', why: 'invariant (see the comment there)' },
  {
    path: 'src/router/template-parser.ts',
    text: "new SyntaxError('not a string')",
    why: 'local control flow, reported as a TemplateError',
  },
  {
    path: 'src/inject/instantiate.ts',
    text: 'the dependency graph was not checked',
    why: 'invariant (see the comment there)',
  },
  {
    path: 'src/cli/serve/cluster-supervisor.ts',
    text: 'cannot find its own package.json',
    why: 'invariant (see the comment there)',
  },
  {
    path: 'src/mvc/controller-definition.ts',
    text: 'has no route answered by',
    why: 'invariant (see the comment there)',
  },
  {
    path: 'src/service/response-serializers.ts',
    text: 'must complete before routes compile',
    why: 'invariant (see the comment there)',
  },
];

const root = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const construction = /new (Error|TypeError|RangeError|SyntaxError|AggregateError)\(/g;

interface Site {
  readonly path: string;
  readonly line: number;
  readonly text: string;
}

/** Every uncoded construction of a built-in error class in src. */
function uncodedSites(): Site[] {
  const sites: Site[] = [];
  for (const file of sources(join(root, 'src'))) {
    const path = relative(root, file).replaceAll('\\', '/');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (line.trimStart().startsWith('*') || line.trimStart().startsWith('//')) return;
      for (const match of line.matchAll(construction)) {
        const before = `${lines[index - 1] ?? ''}\n${line.slice(0, match.index)}`;
        if (/withCode\(\s*$/.test(before)) continue;
        sites.push({ path, line: index + 1, text: `${line}\n${lines[index + 1] ?? ''}` });
      }
    });
  }
  return sites;
}

function allows(entry: Allowed, site: Site): boolean {
  const inPath = entry.path.endsWith('/') ? site.path.startsWith(entry.path) : site.path === entry.path;
  return inPath && (entry.text === undefined || site.text.includes(entry.text));
}

test('every error src constructs carries a registry code, or is on the allow-list with a reason', () => {
  const offending = uncodedSites().filter((site) => !allowed.some((entry) => allows(entry, site)));
  assert.deepEqual(
    offending.map((site) => `${site.path}:${site.line}`),
    [],
    'throw new StartupError(code, message) or withCode(new TypeError(...), code) instead',
  );
});

test('every allow-list entry still matches an error in src', () => {
  const sites = uncodedSites();
  for (const entry of allowed) {
    assert.ok(
      sites.some((site) => allows(entry, site)),
      `${entry.path} ${entry.text ?? ''}: nothing left to allow`,
    );
  }
});

test('every BND_ERR_ code src names is registered', () => {
  const registered = new Set([...Object.keys(builtInErrorCodes), ...Object.keys(startupErrorCodes)]);
  for (const file of sources(join(root, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/'(BND_ERR_[A-Z_]+)'/g)) {
      assert.ok(
        registered.has(match[1]!),
        `${relative(root, file)} uses ${match[1]}, which is not registered`,
      );
    }
  }
});
