import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FormatRegistry } from '@sinclair/typebox';
import { registerBuiltInFormats, registerFormat, t } from '../../src/binding/index.js';
import { isHttpError } from '../../src/http/http-error.js';
import { fakeSource } from '../http/readers/fake-request.js';
import { binderFor } from './compile.js';

test('built-in formats validate common strings', () => {
  registerBuiltInFormats();
  const cases: [string, string[], string[]][] = [
    ['date', ['2024-02-29'], ['2023-02-29', '2024-1-01']],
    ['time', ['10:20:30', '10:20:30.5Z', '23:59:60+01:00'], ['24:00:00', '10:20']],
    [
      'date-time',
      ['2024-05-01T10:00:00Z', '2024-05-01t10:00:00.123+02:00'],
      ['2024-05-01T10:00:00', '2024-05-01'],
    ],
    ['email', ['a@b.co'], ['a@b', 'a b@c.d', '@b.co']],
    ['uuid', ['123e4567-e89b-12d3-a456-426614174000'], ['123e4567e89b12d3a456426614174000']],
    ['uri', ['https://bindery.dev/x?y=1', 'urn:isbn:0451450523'], ['/relative', 'not a uri']],
    ['hostname', ['api.example.com', 'localhost'], ['-bad.com', 'a..b']],
    ['ipv4', ['10.0.0.1'], ['256.0.0.1']],
    ['ipv6', ['::1', '2001:db8::1'], ['2001:db8:::1']],
  ];
  for (const [format, good, bad] of cases) {
    const check = FormatRegistry.Get(format)!;
    for (const value of good) assert.equal(check(value), true, `${format} ${value}`);
    for (const value of bad) assert.equal(check(value), false, `${format} ${value}`);
  }
});

test('an application format registered first is kept', () => {
  registerFormat('sku', (value) => /^SKU-\d+$/.test(value));
  registerBuiltInFormats();
  const binder = binderFor({ query: t.Object({ sku: t.String({ format: 'sku' }) }) });
  assert.doesNotThrow(() => binder.bind(fakeSource({ query: 'sku=SKU-1' })));
  assert.throws(
    () => binder.bind(fakeSource({ query: 'sku=x' })),
    (error: unknown) => isHttpError(error) && error.errors?.[0]?.message === 'must be a valid sku',
  );
});
