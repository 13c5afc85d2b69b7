import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { builtInErrorCodes } from '../../src/index.js';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const rows = new Map<string, { status: number; title: string }>();
for (const match of doc.matchAll(/^\| `(BND_ERR_[A-Z_]+)` \| (\d{3}) \| ([^|]+) \|/gm)) {
  rows.set(match[1]!, { status: Number(match[2]), title: match[3]!.trim() });
}

test('docs/errors.md documents every registered code with its status and title', () => {
  for (const [code, info] of Object.entries(builtInErrorCodes)) {
    const row = rows.get(code);
    assert.ok(row, `${code} is missing from docs/errors.md`);
    assert.equal(row.status, info.status, `${code} status`);
    assert.equal(row.title, info.title, `${code} title`);
  }
});

test('docs/errors.md documents no code the registry lacks', () => {
  for (const code of rows.keys())
    assert.ok(code in builtInErrorCodes, `${code} is documented but not registered`);
});

test('each code has an anchor that its problem type links to', () => {
  for (const code of Object.keys(builtInErrorCodes)) {
    const anchor = code.toLowerCase().replaceAll('_', '-');
    assert.match(doc, new RegExp(`<a id="${anchor}"></a>`), `${code} has no anchor`);
  }
});
