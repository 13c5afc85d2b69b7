import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import fc from 'fast-check';
import { type BoundParts, compileCheckAll } from '../../src/binding/combined-check.js';
import { t } from '../../src/binding/index.js';
import { fakeSource } from '../http/readers/fake-request.js';
import { binderFor } from './compile.js';

const schemas = {
  path: t.Object({ shopId: t.Integer() }),
  query: t.Object({ dryRun: t.Optional(t.Boolean()) }),
  headers: t.Object({ 'x-request-id': t.String() }),
  cookies: t.Object({ session: t.String({ minLength: 2 }) }),
  body: t.Optional(
    t.Object(
      { item: t.String({ minLength: 1 }), qty: t.Integer({ minimum: 1, maximum: 100 }) },
      { additionalProperties: false },
    ),
  ),
};
const names = ['path', 'query', 'headers', 'cookies', 'body'] as const;

/** Values near the schemas' edges, so that both answers come up often. */
const value = fc.oneof(
  fc.constant(undefined),
  fc.record({ shopId: fc.oneof(fc.integer(), fc.double(), fc.string()) }, { requiredKeys: [] }),
  fc.record({ dryRun: fc.oneof(fc.boolean(), fc.string()) }, { requiredKeys: [] }),
  fc.record({ 'x-request-id': fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] }),
  fc.record({ session: fc.string({ maxLength: 3 }) }, { requiredKeys: [] }),
  fc.record(
    { item: fc.string({ maxLength: 2 }), qty: fc.integer({ min: -1, max: 102 }), extra: fc.integer() },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

test('the one check over every source agrees with checking each source alone', () => {
  const declared = fc.subarray([...names], { minLength: 2 });
  fc.assert(
    fc.property(declared, fc.tuple(value, value, value, value, value), (chosen, values) => {
      const checkAll = compileCheckAll(schemas, chosen);
      assert.ok(checkAll !== undefined);
      const parts = Object.fromEntries(names.map((name, i) => [name, values[i]])) as unknown as BoundParts;
      const each = chosen.every((name) => {
        const schema: TSchema = schemas[name];
        if (name === 'body' && parts.body === undefined) return true;
        return TypeCompiler.Compile(schema).Check(parts[name]);
      });
      assert.equal(checkAll(parts), each);
    }),
    { numRuns: 300 },
  );
});

test('it applies only when every declared source is TypeBox', () => {
  assert.equal(
    compileCheckAll({ query: schemas.query, headers: undefined }, ['query', 'headers']),
    undefined,
  );
  assert.equal(compileCheckAll({ query: schemas.query }, ['query']), undefined);
});

test('a request failing the one check is still reported source by source', () => {
  const binder = binderFor({ query: schemas.query, headers: schemas.headers, cookies: schemas.cookies });
  assert.throws(
    () => binder.bind(fakeSource({ query: 'dryRun=maybe', headers: { cookie: 'session=x' } })),
    (error: { errors?: { in: string; name: string }[] }) => {
      assert.deepEqual(
        error.errors?.map((item) => `${item.in} ${item.name}`),
        ['query dryRun', 'header x-request-id', 'cookie session'],
      );
      return true;
    },
  );
  const bound = binder.bind(
    fakeSource({ query: 'dryRun=true', headers: { 'x-request-id': 'r', cookie: 'session=ab' } }),
  );
  assert.ok(!(bound instanceof Promise));
  assert.deepEqual(
    [bound.query, bound.headers['x-request-id'], bound.cookies],
    [{ dryRun: true }, 'r', { session: 'ab' }],
  );
});
