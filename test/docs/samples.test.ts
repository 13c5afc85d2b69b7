import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { createOrdersApp } from '../../examples/orders/app.js';
import { checkSamples, extractSamples, folderOf, root, type Sample } from './doc-samples.js';

// Every ```ts / ```typescript block in README.md and docs/*.md is a complete module that
// compiles as written; see doc-samples.ts for how they are checked and the `nocheck` marker.

async function markdownFiles(): Promise<string[]> {
  const docs = (await readdir(join(root, 'docs'))).filter((name) => name.endsWith('.md')).sort();
  return ['README.md', ...docs.map((name) => `docs/${name}`)];
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
    samples.push(...extractSamples(doc, await readFile(join(root, doc), 'utf8')));
  }
  assert.ok(samples.length > 0, 'no samples found');
  const failures = await checkSamples(samples, {
    files: new Map([[join(folderOf('docs/openapi.md'), 'orders-api.d.ts'), await ordersApiTypes()]]),
    // docs/client.md imports its server's app.ts from a workspace package in a monorepo.
    paths: { '@acme/orders-server/app': [join(folderOf('docs/client.md'), 'app.ts')] },
  });
  t.diagnostic(`${samples.length} samples checked`);
  if (failures.length > 0) {
    assert.fail(`${failures.length} diagnostics in ${samples.length} samples:\n${failures.join('\n')}`);
  }
});

test('a sample that does not compile is reported by page and line; nocheck and other languages are skipped', async () => {
  const page = [
    '# Page', // 1
    '', // 2
    '```ts', // 3
    '// shared.ts', // 4
    'export const answer = 42;', // 5
    '```', // 6
    '', // 7
    '```typescript', // 8
    "import { answer } from './shared.js';", // 9
    '', // 10
    'const text: string = answer;', // 11
    '```', // 12
    '', // 13
    '```ts nocheck', // 14
    'this is not TypeScript', // 15
    '```', // 16
    '', // 17
    '```json', // 18
    '{ "not": "checked" }', // 19
    '```', // 20
  ].join('\n');
  const samples = extractSamples('docs/page.md', page);
  assert.deepEqual(
    samples.map((sample) => [sample.fence, sample.path.slice(folderOf('docs/page.md').length + 1)]),
    [
      [3, 'shared.ts'],
      [8, 'sample-8.ts'],
    ],
  );
  const failures = await checkSamples(samples);
  assert.equal(failures.length, 1, failures.join('\n'));
  assert.match(failures[0] ?? '', /^docs\/page\.md:11 \(block at line 8\): TS2322 /);
});
