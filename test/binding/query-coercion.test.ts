import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TObject } from '@sinclair/typebox';
import { t } from '../../src/binding/index.js';
import type { ProblemItem } from '../../src/http/http-error.js';
import { isHttpError } from '../../src/http/http-error.js';
import { fakeSource } from '../http/readers/fake-request.js';
import { binderFor } from './compile.js';

function query(schema: TObject, rawQuery: string): Record<string, unknown> {
  const input = binderFor({ query: schema }).bind(fakeSource({ query: rawQuery }));
  assert.ok(!(input instanceof Promise), 'a bind without a body is synchronous');
  return input.query as Record<string, unknown>;
}

function problems(schema: TObject, rawQuery: string): ProblemItem[] {
  try {
    query(schema, rawQuery);
  } catch (error) {
    assert.ok(isHttpError(error));
    assert.equal(error.code, 'BND_ERR_VALIDATION');
    return error.errors ?? [];
  }
  assert.fail(`expected problems for ?${rawQuery}`);
}

test('integers, numbers, booleans and bigints are read from text', () => {
  const schema = t.Object({ i: t.Integer(), n: t.Number(), b: t.Boolean(), big: t.BigInt() });
  assert.deepEqual(query(schema, 'i=-42&n=2.5e3&b=on&big=9007199254740993'), {
    i: -42,
    n: 2500,
    b: true,
    big: 9007199254740993n,
  });
  for (const [text, value] of [
    ['true', true],
    ['FALSE', false],
    ['1', true],
    ['0', false],
    ['off', false],
  ] as const) {
    assert.equal(query(t.Object({ b: t.Boolean() }), `b=${text}`).b, value);
  }
});

test('text that is not of the type is a problem naming the key, once', () => {
  const schema = t.Object({ i: t.Integer(), n: t.Number(), b: t.Boolean() });
  assert.deepEqual(problems(schema, 'i=1.5&n=abc&b=yes'), [
    { in: 'query', name: 'i', message: 'must be an integer', code: 'type' },
    { in: 'query', name: 'n', message: 'must be a number', code: 'type' },
    { in: 'query', name: 'b', message: 'must be true or false', code: 'type' },
  ]);
  for (const bad of ['', '0x10', '1e3', ' 1', 'Infinity', '99999999999999999999']) {
    assert.equal(
      problems(t.Object({ i: t.Integer() }), `i=${encodeURIComponent(bad)}`)[0]?.message,
      'must be an integer',
      bad,
    );
  }
  assert.equal(problems(t.Object({ n: t.Number() }), 'n=NaN')[0]?.message, 'must be a number');
});

test('a repeated key for a single value is a problem, not a silent pick', () => {
  assert.deepEqual(problems(t.Object({ page: t.Integer(), q: t.String() }), 'page=1&page=2&q=a&q=b'), [
    { in: 'query', name: 'page', message: 'must be given once', code: 'multiple' },
    { in: 'query', name: 'q', message: 'must be given once', code: 'multiple' },
  ]);
});

test('constraints are checked after coercion', () => {
  assert.deepEqual(problems(t.Object({ page: t.Integer({ minimum: 1 }) }), 'page=0'), [
    { in: 'query', name: 'page', message: 'must be at least 1', code: 'minimum' },
  ]);
});

test('literals and enums map text to their values', () => {
  const schema = t.Object({
    sort: t.Union([t.Literal('asc'), t.Literal('desc')]),
    v: t.Literal(2),
    on: t.Literal(true),
  });
  assert.deepEqual(query(schema, 'sort=desc&v=2&on=true'), { sort: 'desc', v: 2, on: true });
  assert.deepEqual(problems(schema, 'sort=up&v=3&on=true'), [
    { in: 'query', name: 'sort', message: 'must be one of: asc, desc', code: 'enum' },
    { in: 'query', name: 'v', message: 'must be 2', code: 'enum' },
  ]);
  enum Size {
    Small = 's',
    Large = 'l',
  }
  assert.equal(query(t.Object({ size: t.Enum(Size) }), 'size=l').size, Size.Large);
});

test('unions try their members in order', () => {
  const schema = t.Object({ limit: t.Union([t.Integer({ minimum: 1 }), t.Literal('all')]) });
  assert.equal(query(schema, 'limit=5').limit, 5);
  assert.equal(query(schema, 'limit=all').limit, 'all');
  assert.deepEqual(problems(schema, 'limit=0'), [
    { in: 'query', name: 'limit', message: 'does not match any of the allowed forms', code: 'union' },
  ]);
});

test('dates: ISO 8601 by default, without an offset read as UTC', () => {
  const schema = t.Object({ from: t.Date() });
  assert.equal((query(schema, 'from=2024-05-01').from as Date).toISOString(), '2024-05-01T00:00:00.000Z');
  assert.equal(
    (query(schema, 'from=2024-05-01T10:30').from as Date).toISOString(),
    '2024-05-01T10:30:00.000Z',
  );
  assert.equal(
    (query(schema, `from=${encodeURIComponent('2024-05-01T10:30:00+02:00')}`).from as Date).toISOString(),
    '2024-05-01T08:30:00.000Z',
  );
  for (const bad of ['2024-02-30', '2024-13-01', '1714557600', 'May 1 2024', '2024-05-01T25:00']) {
    assert.deepEqual(problems(schema, `from=${encodeURIComponent(bad)}`), [
      { in: 'query', name: 'from', message: 'must be a date or date-time in ISO 8601 format', code: 'type' },
    ]);
  }
});

test('dates: unix seconds or milliseconds when the schema says so', () => {
  const schema = t.Object({ s: t.Date({ timeFormat: 'unix' }), ms: t.Date({ timeFormat: 'unixmilli' }) });
  const bound = query(schema, 's=1714557600&ms=1714557600500');
  assert.equal((bound.s as Date).toISOString(), '2024-05-01T10:00:00.000Z');
  assert.equal((bound.ms as Date).toISOString(), '2024-05-01T10:00:00.500Z');
  assert.equal(
    problems(schema, 's=2024-05-01&ms=1')[0]?.message,
    'must be a time in seconds since the epoch',
  );
});

test('date constraints are reported in ISO', () => {
  const schema = t.Object({ at: t.Date({ minimumTimestamp: Date.UTC(2024, 0, 1) }) });
  assert.deepEqual(problems(schema, 'at=2023-12-31'), [
    { in: 'query', name: 'at', message: 'must not be before 2024-01-01T00:00:00.000Z', code: 'minimum' },
  ]);
});

test('arrays from repeated keys, bracket keys, and every collection format', () => {
  const ints = (format?: string) =>
    t.Object({ ids: t.Array(t.Integer(), format === undefined ? {} : { collectionFormat: format }) });
  assert.deepEqual(query(ints(), 'ids=1&ids=2').ids, [1, 2]);
  assert.deepEqual(query(ints(), 'ids=1').ids, [1]);
  assert.deepEqual(query(ints(), 'ids[]=1&ids[]=2').ids, [1, 2]);
  assert.deepEqual(query(ints('csv'), 'ids=1,%202,3').ids, [1, 2, 3]);
  assert.deepEqual(query(ints('csv'), 'ids=1,2&ids=3').ids, [1, 2, 3]);
  assert.deepEqual(query(ints('ssv'), 'ids=1%202').ids, [1, 2]);
  assert.deepEqual(query(ints('tsv'), 'ids=1%092').ids, [1, 2]);
  assert.deepEqual(query(ints('pipes'), 'ids=1|2').ids, [1, 2]);
  assert.deepEqual(query(ints('csv'), 'ids=').ids, []);
});

test('an item that does not convert is named with its index', () => {
  assert.deepEqual(problems(t.Object({ ids: t.Array(t.Integer()) }), 'ids=1&ids=x'), [
    { in: 'query', name: 'ids[1]', message: 'must be an integer', code: 'type' },
  ]);
  assert.deepEqual(problems(t.Object({ ids: t.Array(t.Integer(), { maxItems: 2 }) }), 'ids=1&ids=2&ids=3'), [
    { in: 'query', name: 'ids', message: 'must have at most 2 items', code: 'maxItems' },
  ]);
});

test('key[sub]=v objects are bound and coerced', () => {
  const schema = t.Object({
    filter: t.Object({
      status: t.Union([t.Literal('open'), t.Literal('closed')]),
      min: t.Optional(t.Integer()),
    }),
  });
  assert.deepEqual(query(schema, 'filter[status]=open&filter[min]=3'), {
    filter: { status: 'open', min: 3 },
  });
  assert.deepEqual(problems(schema, 'filter[status]=gone&filter[min]=x'), [
    { in: 'query', name: 'filter[status]', message: 'must be one of: open, closed', code: 'enum' },
    { in: 'query', name: 'filter[min]', message: 'must be an integer', code: 'type' },
  ]);
  assert.deepEqual(problems(schema, ''), [
    { in: 'query', name: 'filter', message: 'is required', code: 'required' },
  ]);
});

test('missing is not zero, false or empty: required is about absence', () => {
  const schema = t.Object({ n: t.Integer(), b: t.Boolean(), s: t.String() });
  assert.deepEqual(query(schema, 'n=0&b=false&s='), { n: 0, b: false, s: '' });
  assert.deepEqual(problems(schema, ''), [
    { in: 'query', name: 'n', message: 'is required', code: 'required' },
    { in: 'query', name: 'b', message: 'is required', code: 'required' },
    { in: 'query', name: 's', message: 'is required', code: 'required' },
  ]);
  assert.deepEqual(query(t.Object({ n: t.Optional(t.Integer()) }), ''), {});
});

test('defaults fill absent values, and empty ones where the schema says so', () => {
  const schema = t.Object({
    page: t.Integer({ default: 1 }),
    size: t.Integer({ default: 20, emptyAsMissing: true }),
    tags: t.Array(t.String(), { default: ['all'] }),
    sort: t.Optional(t.String({ default: 'id' })),
  });
  assert.deepEqual(query(schema, ''), { page: 1, size: 20, tags: ['all'], sort: 'id' });
  assert.deepEqual(query(schema, 'size=&page=3'), { page: 3, size: 20, tags: ['all'], sort: 'id' });
  assert.deepEqual(problems(schema, 'page='), [
    { in: 'query', name: 'page', message: 'must be an integer', code: 'type' },
  ]);
  const first = query(schema, '').tags as string[];
  first.push('mutated');
  assert.deepEqual(query(schema, '').tags, ['all'], 'a default is copied per request');
});

test('emptyAsMissing on the source object covers all its properties', () => {
  const schema = t.Object(
    { a: t.Optional(t.Integer()), b: t.Integer({ default: 5 }), c: t.Integer() },
    { emptyAsMissing: true },
  );
  assert.deepEqual(problems(schema, 'a=&b=&c='), [
    { in: 'query', name: 'c', message: 'is required', code: 'required' },
  ]);
});

test('strings are taken verbatim; + and escapes are decoded', () => {
  assert.deepEqual(query(t.Object({ q: t.String() }), 'q=a+b%20c%2B'), { q: 'a b c+' });
});

test('a query without a schema arrives raw, read on first touch', () => {
  const input = binderFor({}).bind(fakeSource({ query: 'a=1&a=2&b=x' }));
  assert.ok(!(input instanceof Promise));
  assert.deepEqual({ ...input.query }, { a: ['1', '2'], b: 'x' });
});

test('any property name is safe: quotes, Object.prototype names, __proto__', () => {
  const schema = t.Object({
    'a"b\\c': t.Optional(t.Integer()),
    constructor: t.Optional(t.Integer()),
    toString: t.Optional(t.String()),
    ['__proto__']: t.Optional(t.String()),
  });
  assert.deepEqual({ ...query(schema, '') }, {});
  const bound = query(schema, `${encodeURIComponent('a"b\\c')}=1&constructor=2&toString=x&__proto__=y`);
  assert.equal(bound['a"b\\c'], 1);
  assert.equal(bound.constructor, 2);
  assert.equal(bound.toString, 'x');
  assert.equal(Object.getOwnPropertyDescriptor(bound, '__proto__')?.value, 'y');
  assert.equal(({} as Record<string, unknown>).y, undefined);
});

test('a JSON body whose schema names Object.prototype members validates by own properties', async () => {
  const body = t.Object({
    constructor: t.Optional(t.Integer()),
    valueOf: t.Optional(t.String()),
    name: t.String(),
  });
  const input = await binderFor({ body }).bind(
    fakeSource({ headers: { 'content-type': 'application/json' }, body: '{"name":"n"}' }),
  );
  assert.deepEqual({ ...(input.body as object) }, { name: 'n' });
});
