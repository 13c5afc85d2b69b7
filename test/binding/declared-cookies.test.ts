import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'cookie';
import fc from 'fast-check';
import { compileDeclaredCookies } from '../../src/binding/declared-cookies.js';
import { t } from '../../src/binding/index.js';
import { fakeSource } from '../http/readers/fake-request.js';
import { binderFor } from './compile.js';

const schema = t.Object({
  session: t.String(),
  theme: t.Optional(t.String()),
  n: t.Optional(t.Integer()),
});
const read = compileDeclaredCookies(schema, 'strip')!;

test('keeps only the declared cookies, trimmed and decoded, the first of a name winning', () => {
  assert.deepEqual(read('theme=dark; session=s3cr3t; other=1'), { theme: 'dark', session: 's3cr3t' });
  assert.deepEqual(read(' session = a%20b ;session=second; n=\t7\t'), { session: 'a b', n: '7' });
  assert.deepEqual(read('session=%E0%A4%A'), { session: '%E0%A4%A' }, 'a broken escape stays as sent');
  assert.deepEqual(read('session; theme=x;;n'), { theme: 'x' }, 'pairs without = are skipped');
  assert.deepEqual(read('session=x;'), { session: 'x' });
  assert.deepEqual(read('s'), {});
  assert.deepEqual(read(undefined), {});
});

test('a header of separators before one distant = is read in one pass', () => {
  // Rescanning for `=` from every `;` would be quadratic in the header's length.
  assert.deepEqual(read(`${';'.repeat(200_000)}session=x`), { session: 'x' });
});

test('only a stripping TypeBox object without extra properties qualifies', () => {
  assert.ok(compileDeclaredCookies(schema, 'strip'));
  assert.equal(compileDeclaredCookies(schema, 'reject'), undefined);
  assert.equal(compileDeclaredCookies(schema, 'keep'), undefined);
  assert.equal(
    compileDeclaredCookies(t.Object({ a: t.String() }, { additionalProperties: false }), 'strip'),
    undefined,
  );
  assert.equal(compileDeclaredCookies(t.Object({ constructor: t.String() }), 'strip'), undefined);
  assert.equal(compileDeclaredCookies(t.Object({}), 'strip'), undefined);
  assert.equal(compileDeclaredCookies(undefined, 'strip'), undefined);
});

test('it reads the declared names exactly as the cookie package parses them', () => {
  const token = fc.constantFrom(
    'session',
    'theme',
    'n',
    'Session',
    'sessio',
    'x',
    '',
    '=',
    ';',
    ' ',
    '\t',
    '"',
    '%20',
    '%',
    '%E0%A4%A',
    'a b',
    ',',
  );
  fc.assert(
    fc.property(fc.array(token, { maxLength: 14 }), (tokens) => {
      const header = tokens.join('');
      const general = parse(header);
      const expected: Record<string, string> = {};
      for (const name of ['session', 'theme', 'n']) {
        const value = general[name];
        if (value !== undefined) expected[name] = value;
      }
      assert.deepEqual(read(header), expected, JSON.stringify(header));
    }),
    { numRuns: 3000 },
  );
});

test('a route binds its declared cookies through the reader and validates them', async () => {
  const binder = binderFor({ cookies: schema });
  const ok = await binder.bind(fakeSource({ headers: { cookie: 'other=1; session=abc; n=4' } }));
  assert.deepEqual(ok.cookies, { session: 'abc', n: 4 });
  await assert.rejects(async () => binder.bind(fakeSource({ headers: { cookie: 'theme=dark' } })), /session/);
});
