import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { jsonErrorPosition, lineAndColumn } from '../../../src/http/readers/json-error-position.js';

test('valid JSON has no error position', () => {
  for (const text of [
    '0',
    '-1.5e+10',
    '"a\\u00e9\\n"',
    'true',
    'null',
    '[]',
    '{}',
    ' [1, {"a": [null]}] ',
    '{"":""}',
  ]) {
    assert.equal(jsonErrorPosition(text), -1, text);
  }
});

test('the position points at the first character that cannot continue', () => {
  const cases: [string, number][] = [
    ['', 0],
    ['{', 1],
    ['{"a" 1}', 5],
    ['{"a":1,}', 7],
    ['[1,]', 3],
    ['[01]', 2],
    ['tru', 3],
    ['nul!', 3],
    ['"\\x"', 2],
    ['"a\nb"', 2],
    ['1.', 2],
    ['1e', 2],
    ['{} x', 3],
    ["{'a':1}", 1],
  ];
  for (const [text, position] of cases) assert.equal(jsonErrorPosition(text), position, JSON.stringify(text));
});

test('deep nesting does not overflow the stack', () => {
  assert.equal(jsonErrorPosition('['.repeat(200_000)), 200_000);
  assert.equal(jsonErrorPosition(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), -1);
});

test('agrees with JSON.parse on what is valid', () => {
  const jsonish = fc.oneof(
    fc.json(),
    fc.json().map((text) => text.slice(0, Math.max(0, text.length - 1))),
    fc.string({
      unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '1', '-', '.', 'e', 't', 'n', ' ', '\\'),
    }),
  );
  fc.assert(
    fc.property(jsonish, (text) => {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      const position = jsonErrorPosition(text);
      return valid ? position === -1 : position >= 0 && position <= text.length;
    }),
    { numRuns: 2000 },
  );
});

test('line and column are 1-based', () => {
  assert.deepEqual(lineAndColumn('ab\ncd', 4), { line: 2, column: 2 });
  assert.deepEqual(lineAndColumn('x', 0), { line: 1, column: 1 });
});
