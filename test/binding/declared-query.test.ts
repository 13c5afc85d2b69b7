import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { nestBrackets } from '../../src/binding/bracket-keys.js';
import { compileDeclaredQuery } from '../../src/binding/declared-query.js';
import { t } from '../../src/binding/index.js';
import { parseUrlEncoded } from '../../src/http/readers/index.js';
import { fakeSource } from '../http/readers/fake-request.js';
import { binderFor } from './compile.js';

const schema = t.Object({
  dryRun: t.Optional(t.Boolean()),
  q: t.Optional(t.String()),
  page: t.Optional(t.Integer()),
});
const read = compileDeclaredQuery(schema, 'strip')!;

test('keeps only the declared names, decoding their values', () => {
  assert.deepEqual(read('dryRun=true&other=1&q=a+b%20c&page='), { dryRun: 'true', q: 'a b c', page: '' });
  assert.deepEqual(read('q'), { q: '' });
  assert.deepEqual(read('&&q=x&'), { q: 'x' });
  assert.deepEqual(read(''), {});
});

test('gives up where the generic parse could read a declared name differently', () => {
  assert.equal(read('q%3D=1'), undefined, 'an escaped name');
  assert.equal(read('a+b=1'), undefined, 'a name with a space');
  assert.equal(read('q[x]=1'), undefined, 'a nested name');
  assert.equal(read('q=1&q=2'), undefined, 'a repeated declared name becomes an array');
});

test('only a stripping TypeBox object without extra properties qualifies', () => {
  assert.ok(compileDeclaredQuery(schema, 'strip'));
  assert.equal(compileDeclaredQuery(schema, 'reject'), undefined);
  assert.equal(compileDeclaredQuery(schema, 'keep'), undefined);
  assert.equal(
    compileDeclaredQuery(t.Object({ a: t.String() }, { additionalProperties: false }), 'strip'),
    undefined,
  );
  assert.equal(compileDeclaredQuery(t.Object({ constructor: t.String() }), 'strip'), undefined);
  assert.equal(compileDeclaredQuery(t.Object({}), 'strip'), undefined);
  assert.equal(compileDeclaredQuery(undefined, 'strip'), undefined);
});

test('whenever it answers, it answers what the generic parse does for the declared names', () => {
  const token = fc.constantFrom(
    'dryRun',
    'q',
    'page',
    'other',
    'Q',
    'qq',
    '',
    '=',
    '&',
    '%20',
    '%71',
    '%',
    '+',
    '[',
    ']',
    'true',
    '1',
  );
  fc.assert(
    fc.property(fc.array(token, { maxLength: 12 }), (tokens) => {
      const text = tokens.join('');
      const fast = read(text);
      if (fast === undefined) return;
      const generic = nestBrackets(parseUrlEncoded(text));
      const declared = Object.fromEntries(
        ['dryRun', 'q', 'page']
          .filter((name) => Object.hasOwn(generic, name))
          .map((name) => [name, generic[name]]),
      );
      assert.deepEqual(fast, declared, `?${text}`);
    }),
    { numRuns: 2000 },
  );
});

test('a route binds the same query whichever reader served it', () => {
  const strip = binderFor({ query: schema });
  const input = strip.bind(fakeSource({ query: 'dryRun=false&page=3&q=x%2By&utm=1' }));
  assert.ok(!(input instanceof Promise));
  assert.deepEqual(input.query, { dryRun: false, page: 3, q: 'x+y' });
  const nested = strip.bind(fakeSource({ query: 'dryRun=false&page=3&q=x%2By&f[a]=1' }));
  assert.ok(!(nested instanceof Promise));
  assert.deepEqual(nested.query, input.query);
});
