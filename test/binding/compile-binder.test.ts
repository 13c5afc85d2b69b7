import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { type BindDeclaration, BindingDeclarationError, t } from '../../src/binding/index.js';
import { binderFor } from './compile.js';

function rejects(declaration: unknown, message: RegExp, options: Parameters<typeof binderFor>[1] = {}): void {
  assert.throws(
    () => binderFor(declaration as BindDeclaration, options),
    (error: unknown) => {
      assert.ok(error instanceof BindingDeclarationError);
      assert.equal(error.route, options.route ?? 'POST /shops/{shopId}/orders');
      assert.match(error.message, /^POST \/shops\/\{shopId\}\/orders: |^GET /);
      assert.match(error.message, message);
      return true;
    },
  );
}

test('a path schema naming a parameter the template lacks names the route and the parameters', () => {
  rejects(
    { path: t.Object({ shopID: t.Integer() }) },
    /path schema names "shopID", which is not a parameter of the template \(it has shopId\)/,
  );
  rejects({ path: t.Object({ id: t.Integer() }) }, /it has none/, { pathParams: [] });
});

test('a Standard Schema that describes itself as JSON Schema is checked against the template too', () => {
  rejects({ path: z.object({ shopId: z.number(), orderId: z.string() }) }, /path schema names "orderId"/);
  rejects({ headers: z.object({ 'x-id': z.string(), 'X-ID': z.string() }) }, /same header/);
});

test('a body on GET, HEAD, DELETE or OPTIONS needs an explicit opt-in', () => {
  for (const method of ['GET', 'HEAD', 'DELETE', 'OPTIONS', 'get']) {
    rejects({ body: t.Object({}) }, /requests usually have no body; pass \{ allowBody: true \}/, {
      method,
      route: `GET /x`,
    });
  }
  assert.equal(binderFor({ body: t.Object({}) }, { method: 'DELETE', allowBodyOn: true }).needsBody, true);
});

test('an unknown source key is refused', () => {
  rejects(
    { params: t.Object({}) },
    /"params" is not a request source; declare path, query, headers, cookies or body/,
  );
  rejects({ header: t.Object({}) }, /"header" is not a request source/);
});

test('a source that is not a schema is refused', () => {
  rejects({ query: { page: 'number' } }, /the query declaration is not a schema/);
  rejects(null, /must be an object/);
});

test('path, query, headers and cookies need object schemas', () => {
  rejects({ query: t.String() }, /the query schema must be t\.Object/);
  rejects({ headers: t.Array(t.String()) }, /naming each header/);
});

test('two header names that differ only in case are the same header', () => {
  rejects(
    { headers: t.Object({ 'X-Id': t.String(), 'x-id': t.String() }) },
    /names "X-Id" and "x-id", which are the same header/,
  );
});

test('binding options are checked: values, and the types they apply to', () => {
  rejects(
    { query: t.Object({ ids: t.Array(t.Integer(), { collectionFormat: 'semicolons' }) }) },
    /the query schema\.ids has collectionFormat "semicolons"/,
  );
  rejects(
    { query: t.Object({ id: t.Integer({ collectionFormat: 'csv' }) }) },
    /collectionFormat, which applies to arrays only/,
  );
  rejects({ query: t.Object({ at: t.Date({ timeFormat: 'seconds' }) }) }, /timeFormat "seconds"/);
  rejects({ query: t.Object({ at: t.String({ timeFormat: 'unix' }) }) }, /applies to t\.Date\(\) only/);
  rejects({ query: t.Object({ page: t.Integer({ emptyAsMissing: 'yes' }) }) }, /emptyAsMissing "yes"/);
});

test('a string format nobody registered is a startup error, not a request-time failure', () => {
  rejects(
    { body: t.Object({ items: t.Array(t.Object({ code: t.String({ format: 'isbn' }) })) }) },
    /the body schema\.items\[\]\.code uses string format "isbn", which is not registered/,
  );
  assert.doesNotThrow(() =>
    binderFor({ body: t.Object({ mail: t.String({ format: 'email' }), id: t.String({ format: 'uuid' }) }) }),
  );
});

test('unknown-property policies are checked', () => {
  rejects({}, /policy "drop" for query/, { unknown: { query: 'drop' as 'strip' } });
  rejects({}, /policies apply to query, headers, cookies and body/, { unknown: { path: 'keep' } as never });
});

test('limits are checked', () => {
  rejects({}, /bodySize must be a number/, { limits: { bodySize: -1 } });
});

test('Standard Schemas are accepted for every source', () => {
  const binder = binderFor({
    path: z.object({ shopId: z.number() }),
    query: z.object({}),
    body: z.object({ a: z.string() }),
  });
  assert.equal(binder.needsBody, true);
});

test('an empty declaration compiles and reads no body', () => {
  assert.equal(binderFor({}).needsBody, false);
});
