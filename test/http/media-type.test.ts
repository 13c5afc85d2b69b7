import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mediaTypeOf } from '../../src/http/index.js';

test('the bare media type of each value, whatever was asked before it', () => {
  const cases: [string | undefined, string][] = [
    ['application/json', 'application/json'],
    ['application/json', 'application/json'],
    ['Application/JSON; charset=utf-8', 'application/json'],
    [' text/plain ;charset=latin1', 'text/plain'],
    [undefined, ''],
    ['', ''],
    ['Application/JSON; charset=utf-8', 'application/json'],
    ['application/merge-patch+json', 'application/merge-patch+json'],
    ['application/json', 'application/json'],
  ];
  for (const [value, expected] of cases) assert.equal(mediaTypeOf(value), expected, String(value));
});
