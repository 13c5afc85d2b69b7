import assert from 'node:assert/strict';
import { test } from 'node:test';
import { t } from '../../src/binding/index.js';
import { isHttpError, type ProblemItem } from '../../src/http/http-error.js';
import { type FakeSourceOptions, fakeSource } from '../http/readers/fake-request.js';
import { binderFor } from './compile.js';

function bindSync<D extends Parameters<typeof binderFor>[0]>(
  declaration: D,
  source: FakeSourceOptions,
  options: Parameters<typeof binderFor>[1] = {},
) {
  const input = binderFor(declaration, options).bind(fakeSource(source));
  assert.ok(!(input instanceof Promise), 'no body: synchronous');
  return input;
}

function problemsOf(run: () => unknown): ProblemItem[] {
  try {
    run();
  } catch (error) {
    assert.ok(isHttpError(error));
    return error.errors ?? [];
  }
  assert.fail('expected a validation error');
}

test('header names match in any case; the bound value uses the declared name', () => {
  const input = bindSync(
    { headers: t.Object({ 'X-Request-Id': t.String(), 'x-retry': t.Optional(t.Integer()) }) },
    { headers: { 'x-request-id': 'r-1', 'X-RETRY': '3', other: 'dropped' } },
  );
  assert.deepEqual(input.headers, { 'X-Request-Id': 'r-1', 'x-retry': 3 });
});

test('a missing header is reported by its declared wire name', () => {
  assert.deepEqual(
    problemsOf(() => bindSync({ headers: t.Object({ 'X-Request-Id': t.String() }) }, {})),
    [{ in: 'header', name: 'X-Request-Id', message: 'is required', code: 'required' }],
  );
});

test('header arrays are comma lists by default', () => {
  const input = bindSync(
    { headers: t.Object({ 'x-tags': t.Array(t.String()) }) },
    { headers: { 'x-tags': 'a, b,c' } },
  );
  assert.deepEqual(input.headers['x-tags'], ['a', 'b', 'c']);
});

test('undeclared headers arrive as Node gives them', () => {
  const input = bindSync({}, { headers: { 'x-a': '1' } });
  assert.equal(input.headers['x-a'], '1');
});

test('cookies are bound and coerced; undeclared cookies are raw and read lazily', () => {
  const input = bindSync(
    { cookies: t.Object({ session: t.String(), visits: t.Integer() }) },
    { headers: { cookie: 'session=abc; visits=4; other=1' } },
  );
  assert.deepEqual(input.cookies, { session: 'abc', visits: 4 });
  let read = 0;
  const source = fakeSource({ headers: { cookie: 'a=1' } });
  const counting = Object.create(source, {
    cookies: {
      get: () => {
        read++;
        return source.cookies;
      },
    },
  });
  const raw = binderFor({}).bind(counting);
  assert.ok(!(raw instanceof Promise));
  assert.equal(read, 0, 'not read until asked for');
  assert.deepEqual({ ...raw.cookies }, { a: '1' });
  assert.equal(read, 1);
});

test('path parameters come typed from the router; a path schema adds constraints and keeps the others', () => {
  const declaration = { path: t.Object({ shopId: t.Integer({ minimum: 1 }) }) };
  const options = { pathParams: ['shopId', 'orderId'] };
  const input = bindSync(declaration, { params: { shopId: 7, orderId: 'o-1' } }, options);
  assert.deepEqual(input.path, { shopId: 7, orderId: 'o-1' });
  assert.deepEqual(bindSync(declaration, { params: { shopId: '8', orderId: 'o-1' } }, options).path, {
    shopId: 8,
    orderId: 'o-1',
  });
  assert.deepEqual(
    problemsOf(() => bindSync(declaration, { params: { shopId: 0, orderId: 'o' } }, options)),
    [{ in: 'path', name: 'shopId', message: 'must be at least 1', code: 'minimum' }],
  );
});

test('without a path schema the router params are passed through untouched', () => {
  const params = { shopId: 3 };
  assert.equal(bindSync({}, { params }).path, params);
});

test('unknown query keys: stripped by default, kept or rejected by policy', () => {
  const declaration = { query: t.Object({ page: t.Integer() }) };
  assert.deepEqual(bindSync(declaration, { query: 'page=1&utm=x' }).query, { page: 1 });
  assert.deepEqual(bindSync(declaration, { query: 'page=1&utm=x' }, { unknown: { query: 'keep' } }).query, {
    page: 1,
    utm: 'x',
  });
  assert.deepEqual(
    problemsOf(() => bindSync(declaration, { query: 'page=1&utm=x' }, { unknown: { query: 'reject' } })),
    [{ in: 'query', name: 'utm', message: 'is not allowed', code: 'unknown' }],
  );
});

test('a schema that says what unknown keys are wins over the policy', () => {
  const typed = { query: t.Object({ page: t.Integer() }, { additionalProperties: t.Integer() }) };
  assert.deepEqual(bindSync(typed, { query: 'page=1&x=2' }).query, { page: 1, x: 2 });
  assert.deepEqual(
    problemsOf(() => bindSync(typed, { query: 'page=1&x=y' })),
    [{ in: 'query', name: 'x', message: 'must be an integer', code: 'type' }],
  );
  const closed = { query: t.Object({ page: t.Integer() }, { additionalProperties: false }) };
  assert.equal(
    problemsOf(() => bindSync(closed, { query: 'page=1&x=2' }, { unknown: { query: 'keep' } }))[0]?.code,
    'unknown',
  );
});

test('cookies and headers follow their policies too', () => {
  const declaration = { cookies: t.Object({ a: t.String() }), headers: t.Object({ 'x-a': t.String() }) };
  const kept = bindSync(
    declaration,
    { headers: { cookie: 'a=1; b=2', 'x-a': '1', 'x-b': '2' } },
    { unknown: { cookies: 'keep', headers: 'keep' } },
  );
  assert.deepEqual(kept.cookies, { a: '1', b: '2' });
  assert.equal((kept.headers as Record<string, unknown>)['x-b'], '2');
});

test('every source is bound before one validation reports every problem', () => {
  const binder = binderFor({
    path: t.Object({ shopId: t.Integer({ minimum: 1 }) }),
    query: t.Object({ page: t.Integer(), sort: t.Union([t.Literal('asc'), t.Literal('desc')]) }),
    headers: t.Object({ 'x-request-id': t.String({ minLength: 8 }) }),
    cookies: t.Object({ session: t.String() }),
  });
  assert.throws(
    () =>
      binder.bind(
        fakeSource({ params: { shopId: 0 }, query: 'page=x&sort=up', headers: { 'x-request-id': 'short' } }),
      ),
    (error: unknown) => {
      assert.ok(isHttpError(error));
      assert.equal(error.status, 400);
      assert.equal(error.code, 'BND_ERR_VALIDATION');
      assert.deepEqual(error.errors, [
        { in: 'path', name: 'shopId', message: 'must be at least 1', code: 'minimum' },
        { in: 'query', name: 'page', message: 'must be an integer', code: 'type' },
        { in: 'query', name: 'sort', message: 'must be one of: asc, desc', code: 'enum' },
        {
          in: 'header',
          name: 'x-request-id',
          message: 'must be at least 8 characters long',
          code: 'minLength',
        },
        { in: 'cookie', name: 'session', message: 'is required', code: 'required' },
      ]);
      assert.equal(
        error.detail,
        'The request has 5 problems: path shopId must be at least 1; query page must be an integer; query sort must be one of: asc, desc; and 2 more',
      );
      const problem = error.toProblem();
      assert.equal(problem.status, 400);
      assert.equal(problem.errors?.length, 5);
      return true;
    },
  );
});

test('the same name in two sources never leaks between them', () => {
  const input = bindSync(
    {
      query: t.Object({ id: t.Optional(t.String()) }),
      headers: t.Object({ id: t.Optional(t.String()) }),
      cookies: t.Object({ id: t.Optional(t.String()) }),
    },
    { params: { id: 'p' }, query: 'id=q', headers: { cookie: 'x=1' } },
    { pathParams: ['id'] },
  );
  assert.deepEqual(input.query, { id: 'q' });
  assert.deepEqual(input.headers, {});
  assert.deepEqual(input.cookies, {});
});

test('the bound input shape: declared sources are own values, query and cookies accessors', () => {
  const input = bindSync({ query: t.Object({ a: t.String() }) }, { query: 'a=1' });
  assert.deepEqual(Object.keys(input), ['path', 'headers', 'body']);
  assert.deepEqual(input.query, { a: '1' });
  assert.equal(input.body, undefined);
});
