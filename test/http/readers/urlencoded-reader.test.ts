import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseUrlEncoded, urlencodedReader } from '../../../src/http/readers/index.js';
import { httpErrorWith } from './assert-http-error.js';
import { readWith } from './fake-request.js';

test('pairs are decoded; repeated names become arrays; a bare name is an empty value', () => {
  const record = parseUrlEncoded('a=1&b=x+y&a=2&c&d=%C3%A9&&e=');
  assert.deepEqual({ ...record }, { a: ['1', '2'], b: 'x y', c: '', d: 'é', e: '' });
});

test('a malformed escape is kept as written', () => {
  assert.equal(parseUrlEncoded('q=100%').q, '100%');
});

test('__proto__ and constructor are ordinary names, never the prototype', () => {
  const record = parseUrlEncoded('__proto__=x&constructor=y&constructor=z&toString=t');
  assert.equal(Object.getPrototypeOf(record), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(record, '__proto__')?.value, 'x');
  assert.deepEqual(record.constructor, ['y', 'z']);
  assert.equal(record.toString, 't');
  assert.equal(({} as Record<string, unknown>).x, undefined);
});

test('round-trips what URLSearchParams writes', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.string({ minLength: 1 }), fc.string())), (pairs) => {
      const text = new URLSearchParams(pairs).toString();
      const record = parseUrlEncoded(text);
      const expected: Record<string, string | string[]> = Object.create(null);
      for (const [key, value] of pairs) {
        const seen = expected[key];
        expected[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
      }
      assert.deepEqual({ ...record }, { ...expected });
    }),
  );
});

test('the reader returns a form record', async () => {
  const reader = urlencodedReader();
  assert.equal(reader.form, true);
  const { value } = await readWith(reader, {
    contentType: 'application/x-www-form-urlencoded',
    body: 'qty=2&tag=a&tag=b',
  });
  assert.deepEqual({ ...(value as object) }, { qty: '2', tag: ['a', 'b'] });
});

test('more fields than the limit is 413; a charset other than UTF-8 is 415', async () => {
  await assert.rejects(
    readWith(urlencodedReader(), {
      contentType: 'application/x-www-form-urlencoded',
      body: 'a=1&b=2&c=3',
      limits: { fields: 2 },
    }),
    httpErrorWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE', /more than 2 fields/),
  );
  await assert.rejects(
    readWith(urlencodedReader(), {
      contentType: 'application/x-www-form-urlencoded; charset=latin1',
      body: 'a=1',
    }),
    httpErrorWith(415, 'BND_ERR_UNSUPPORTED_MEDIA_TYPE'),
  );
});
