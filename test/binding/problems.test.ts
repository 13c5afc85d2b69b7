import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Problems, pointer, segmentsOf, summarize, wireName } from '../../src/binding/problems.js';

test('pointers round-trip any property names', () => {
  fc.assert(
    fc.property(fc.array(fc.string()), (segments) =>
      assert.deepEqual(segmentsOf(pointer(segments)), segments),
    ),
  );
  assert.equal(pointer(['a/b', 'c~d', 2]), '/a~1b/c~0d/2');
});

test('wire names: pointers for the body, brackets elsewhere', () => {
  assert.equal(wireName('body', ['items', 2, 'qty']), '/items/2/qty');
  assert.equal(wireName('body', []), '');
  assert.equal(wireName('query', ['filter', 'status']), 'filter[status]');
  assert.equal(wireName('query', ['ids', 1]), 'ids[1]');
  assert.equal(wireName('header', ['x-request-id']), 'x-request-id');
});

test('validation errors under a value coercion already reported are skipped', () => {
  const problems = new Problems();
  problems.location = 'query';
  problems.coercionFailed(['filter'], 'must be an object', 'type', 'x');
  assert.equal(problems.covered('query', '/filter'), true);
  assert.equal(problems.covered('query', '/filter/a'), true);
  assert.equal(problems.covered('query', '/filters'), false);
  assert.equal(problems.covered('body', '/filter'), false);
});

test('union members are tried silently', () => {
  const problems = new Problems();
  problems.silent = 1;
  problems.coercionFailed(['a'], 'no', 'type', 1);
  assert.equal(problems.items, undefined);
});

test('problems are sorted by source, stable within one', () => {
  const problems = new Problems();
  problems.add({ in: 'body', name: '/a', message: 'm' });
  problems.add({ in: 'query', name: 'q', message: 'm' });
  problems.add({ in: 'body', name: '/b', message: 'm' });
  problems.add({ in: 'path', name: 'p', message: 'm' });
  assert.deepEqual(
    problems.sorted().map((item) => item.name),
    ['p', 'q', '/a', '/b'],
  );
});

test('the detail names a few problems and counts the rest', () => {
  assert.equal(
    summarize([{ in: 'body', name: '', message: 'is required' }]),
    'The request has 1 problem: body is required',
  );
});
