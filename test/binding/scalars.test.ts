import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  invalid,
  parseBigInt,
  parseBoolean,
  parseDate,
  parseInteger,
  parseNumber,
} from '../../src/binding/scalars.js';

test('every safe integer round-trips through its text', () => {
  fc.assert(fc.property(fc.maxSafeInteger(), (n) => parseInteger(String(n)) === n || Object.is(n, -0)));
  assert.equal(parseInteger('+7'), 7);
  assert.equal(parseInteger('9007199254740992'), invalid);
});

test('every finite double round-trips through its text', () => {
  fc.assert(
    fc.property(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      (n) => Object.is(parseNumber(String(n)), n) || n === 0,
    ),
  );
  for (const bad of ['', ' ', '1,5', '0x1', 'Infinity', '-Infinity', 'NaN', '1e400', '.', '+']) {
    assert.equal(parseNumber(bad), invalid, bad);
  }
  assert.equal(parseNumber('.5'), 0.5);
  assert.equal(parseNumber('5.'), 5);
});

test('bigints of any size round-trip', () => {
  fc.assert(fc.property(fc.bigInt(), (n) => parseBigInt(n.toString()) === n));
  assert.equal(parseBigInt('1.0'), invalid);
});

test('booleans accept true/false, 1/0 and on/off in any case', () => {
  fc.assert(
    fc.property(fc.constantFrom('true', 'false', '1', '0', 'on', 'off'), fc.boolean(), (word, upper) => {
      const parsed = parseBoolean(upper ? word.toUpperCase() : word);
      return parsed === (word === 'true' || word === '1' || word === 'on');
    }),
  );
  assert.equal(parseBoolean('yes'), invalid);
  assert.equal(parseBoolean(''), invalid);
});

test('every instant round-trips through ISO 8601', () => {
  const instant = fc.date({
    min: new Date('0001-01-01T00:00:00Z'),
    max: new Date('9999-12-31T23:59:59Z'),
    noInvalidDate: true,
  });
  fc.assert(
    fc.property(
      instant,
      (date) => (parseDate(date.toISOString(), 'iso8601') as Date).getTime() === date.getTime(),
    ),
  );
});

test('ISO 8601 without an offset is UTC; calendar-invalid days are refused', () => {
  assert.equal((parseDate('2024-02-29', 'iso8601') as Date).toISOString(), '2024-02-29T00:00:00.000Z');
  assert.equal(
    (parseDate('2024-02-29 12:00:00', 'iso8601') as Date).toISOString(),
    '2024-02-29T12:00:00.000Z',
  );
  for (const bad of [
    '2023-02-29',
    '2024-04-31',
    '2024-00-10',
    '2024-1-1',
    '20240101',
    '2024-01-01T12',
    '2024-01-01T12:60',
  ]) {
    assert.equal(parseDate(bad, 'iso8601'), invalid, bad);
  }
});

test('unix times in seconds and milliseconds, from text or numbers', () => {
  assert.equal((parseDate('0', 'unix') as Date).toISOString(), '1970-01-01T00:00:00.000Z');
  assert.equal((parseDate(1.5, 'unix') as Date).getTime(), 1500);
  assert.equal((parseDate('-1000', 'unixmilli') as Date).getTime(), -1000);
  assert.equal(parseDate('1e3', 'unix'), invalid);
  assert.equal(parseDate(Number.MAX_VALUE, 'unix'), invalid);
  assert.equal(parseDate(5, 'iso8601'), invalid);
});
