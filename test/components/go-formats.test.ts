import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { goUnquote } from '../../src/components/bindings/localstorage/go-unquote.js';
import { goJsonMarshal } from '../../src/components/go-json.js';
import { formatGoDuration, formatRfc3339Nano } from '../../src/components/go-time.js';

const text = (bytes: Uint8Array | undefined) =>
  bytes === undefined ? undefined : Buffer.from(bytes).toString('latin1');

describe('goJsonMarshal (what Dapr hands a component after re-encoding data)', () => {
  test('sorts object keys and escapes HTML characters like Go', () => {
    assert.equal(
      goJsonMarshal({ b: 1, a: '<x>&', c: [true, null] }),
      '{"a":"\\u003cx\\u003e\\u0026","b":1,"c":[true,null]}',
    );
  });

  test('strings stay quoted, a missing value is null, numbers keep their shortest form', () => {
    assert.equal(goJsonMarshal('hi'), '"hi"');
    assert.equal(goJsonMarshal(undefined), 'null');
    assert.equal(goJsonMarshal(1e21), '1e+21');
    assert.equal(goJsonMarshal(1e-7), '1e-7');
    assert.equal(goJsonMarshal(0.5), '0.5');
    assert.equal(goJsonMarshal('\u2028'), '"\\u2028"');
  });
});

describe('Go time formats', () => {
  test('Duration.String()', () => {
    assert.equal(formatGoDuration(0n), '0s');
    assert.equal(formatGoDuration(850n), '850ns');
    assert.equal(formatGoDuration(12_500n), '12.5µs');
    assert.equal(formatGoDuration(1_234_567n), '1.234567ms');
    assert.equal(formatGoDuration(2_500_000_000n), '2.5s');
    assert.equal(formatGoDuration(60_000_000_000n), '1m0s');
    assert.equal(formatGoDuration(3_723_000_000_000n), '1h2m3s');
  });

  test('RFC3339Nano in UTC with the fraction trimmed', () => {
    const second = BigInt(Date.UTC(2024, 4, 1, 10, 20, 30)) * 1_000_000n;
    assert.equal(formatRfc3339Nano(second), '2024-05-01T10:20:30Z');
    assert.equal(formatRfc3339Nano(second + 123_456_700n), '2024-05-01T10:20:30.1234567Z');
  });
});

describe('goUnquote (strconv.Unquote)', () => {
  test('double-quoted strings with Go escapes', () => {
    assert.equal(text(goUnquote('"hello"')), 'hello');
    assert.equal(text(goUnquote('"a\\"b\\n\\u00e9"')), 'a"b\n\u00c3\u00a9');
    assert.equal(text(goUnquote('"\\x41\\101"')), 'AA');
  });

  test('raw strings and single runes', () => {
    assert.equal(text(goUnquote('`a\\nb`')), 'a\\nb');
    assert.equal(text(goUnquote("'x'")), 'x');
    assert.equal(goUnquote("'xy'"), undefined);
  });

  test('anything else is not a quoted literal', () => {
    for (const input of ['hello', '"unterminated', '"bad \\q escape"', '"a"b"', '"', '{"a":1}']) {
      assert.equal(goUnquote(input), undefined, input);
    }
  });
});
