import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseContentType } from '../../../src/http/readers/index.js';

test('a bare media type is lower-cased and has no parameters', () => {
  assert.deepEqual(parseContentType('Application/JSON'), { type: 'application/json', params: {} });
});

test('parameters are read with lower-case names, quoted values unquoted', () => {
  const parsed = parseContentType('multipart/form-data; Boundary="a;b\\"c"; charset=UTF-8');
  assert.equal(parsed?.type, 'multipart/form-data');
  assert.equal(parsed?.params.boundary, 'a;b"c');
  assert.equal(parsed?.params.charset, 'UTF-8');
});

test('the first occurrence of a repeated parameter wins', () => {
  assert.equal(parseContentType('text/plain; charset=utf-8; charset=latin1')?.params.charset, 'utf-8');
});

test('values that are not media types are refused', () => {
  for (const value of ['', 'json', '/json', 'application/', 'text plain/x', 'a/b c']) {
    assert.equal(parseContentType(value), undefined, value);
  }
});

test('a value parsed again gets the same answer, frozen, whatever was parsed in between', () => {
  const values = fc.oneof(
    fc.constantFrom('application/json', 'Text/Plain; charset=UTF-8', 'a/b; x="1;2"', 'json', ''),
    fc.string(),
  );
  fc.assert(
    fc.property(values, values, (first, between) => {
      const before = parseContentType(first);
      const copy = before === undefined ? undefined : { type: before.type, params: { ...before.params } };
      parseContentType(between);
      const again = parseContentType(first);
      assert.deepEqual(again, copy);
      assert.deepEqual(parseContentType(first), again);
      if (again !== undefined) assert.ok(Object.isFrozen(again) && Object.isFrozen(again.params));
    }),
  );
});
