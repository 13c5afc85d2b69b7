import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { builtInErrorCodes, startupErrorCodes } from '../../src/http/index.js';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const section = (marker: string) =>
  doc.slice(doc.indexOf(`<!-- ${marker}:start -->`), doc.indexOf(`<!-- ${marker}:end -->`));

const answerRows = new Map<string, { status: number; title: string }>();
for (const match of section('codes').matchAll(/^\| `(BND_ERR_[A-Z_]+)` \| (\d{3}) \| ([^|]+) \|/gm)) {
  answerRows.set(match[1]!, { status: Number(match[2]), title: match[3]!.trim() });
}
const startupRows = new Map<string, string>();
for (const match of section('startup').matchAll(/^\| `(BND_ERR_[A-Z_]+)` \| ([^|]+) \|/gm)) {
  startupRows.set(match[1]!, match[2]!.trim());
}

test('docs/errors.md documents every answer code with its status and title', () => {
  for (const [code, info] of Object.entries(builtInErrorCodes)) {
    const row = answerRows.get(code);
    assert.ok(row, `${code} is missing from docs/errors.md`);
    assert.equal(row.status, info.status, `${code} status`);
    assert.equal(row.title, info.title, `${code} title`);
  }
});

test('docs/errors.md documents every startup code with its title', () => {
  for (const [code, info] of Object.entries(startupErrorCodes)) {
    assert.equal(
      startupRows.get(code),
      info.title,
      `${code} is missing or has another title in docs/errors.md`,
    );
  }
});

test('docs/errors.md documents no code the registries lack', () => {
  for (const code of answerRows.keys())
    assert.ok(code in builtInErrorCodes, `${code} is documented but not registered`);
  for (const code of startupRows.keys())
    assert.ok(code in startupErrorCodes, `${code} is documented but not registered`);
});

test('answer and startup codes never share a name', () => {
  for (const code of Object.keys(startupErrorCodes)) assert.ok(!(code in builtInErrorCodes), code);
});

test('each code has an anchor that its problem type links to', () => {
  for (const code of [...Object.keys(builtInErrorCodes), ...Object.keys(startupErrorCodes)]) {
    const anchor = code.toLowerCase().replaceAll('_', '-');
    assert.match(doc, new RegExp(`<a id="${anchor}"></a>`), `${code} has no anchor`);
  }
});
