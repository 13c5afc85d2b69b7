import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { builtInBindings } from '../../src/components/bindings/index.js';
import { referenceMarkers, updateReferences } from '../../src/components/component-docs.js';
import { builtInSecretStores } from '../../src/components/secrets/index.js';

const docs = await readFile(join(import.meta.dirname, '..', '..', 'docs', 'bindings.md'), 'utf8');

/** The section of docs/bindings.md under `### <heading>`, up to the next heading of that level or above. */
function section(heading: string): string {
  const start = docs.indexOf(`### ${heading}\n`);
  assert.notEqual(start, -1, `docs/bindings.md has no "### ${heading}" section`);
  const rest = docs.slice(start + heading.length + 5);
  const end = rest.search(/\n#{2,3} /);
  return end === -1 ? rest : rest.slice(0, end);
}

test('docs/bindings.md documents every built-in component: its operations and every field', () => {
  for (const type of builtInBindings) {
    const text = section(type.type);
    for (const op of type.operations)
      assert.ok(text.includes(`\`${op}\``), `${type.type}: operation ${op} is not documented`);
    for (const field of Object.keys(type.metadata)) {
      assert.ok(text.includes(`\`${field}\``), `${type.type}: field ${field} is not documented`);
    }
  }
});

test('docs/bindings.md documents every secret store field', () => {
  const text = section('Secret stores');
  for (const store of builtInSecretStores) {
    assert.ok(text.includes(`\`${store.type}\``), `${store.type} is not documented`);
    for (const field of Object.keys(store.metadata))
      assert.ok(text.includes(`\`${field}\``), `${store.type}: ${field}`);
  }
});

test('the reference block of every built-in component is generated from its declarations', () => {
  const current = updateReferences(docs, builtInBindings);
  assert.equal(current, docs, 'docs/bindings.md is stale: run `npx tsx scripts/bindings-doc.ts`');
  for (const type of builtInBindings) {
    assert.ok(docs.includes(referenceMarkers(type.type).start), `${type.type} has no generated reference`);
  }
});
