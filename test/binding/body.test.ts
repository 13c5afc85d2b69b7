import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { t, type UnknownPolicy } from '../../src/binding/index.js';
import { isHttpError, type ProblemItem } from '../../src/http/http-error.js';
import { defaultReaders, readRawBody, UploadedFile } from '../../src/http/readers/index.js';
import { httpErrorWith } from '../http/readers/assert-http-error.js';
import { type FakeSourceOptions, fakeSource } from '../http/readers/fake-request.js';
import { multipartBody, multipartType } from '../http/readers/multipart-body.js';
import { binderFor } from './compile.js';

const order = t.Object({
  item: t.String({ minLength: 1 }),
  qty: t.Integer({ minimum: 1, maximum: 100 }),
  tags: t.Optional(t.Array(t.String(), { maxItems: 10 })),
});

const json = (body: string, extra: FakeSourceOptions = {}): FakeSourceOptions => ({
  ...extra,
  headers: { 'content-type': 'application/json', ...extra.headers },
  body,
});

async function problems(promise: unknown): Promise<ProblemItem[]> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isHttpError(error), String(error));
    assert.equal(error.code, 'BND_ERR_VALIDATION', error.detail);
    return error.errors ?? [];
  }
  assert.fail('expected a validation error');
}

test('a JSON body binds, and its raw bytes stay readable once more', async () => {
  const source = fakeSource(json('{"item":"tea","qty":2,"tags":["hot"]}'));
  const input = await binderFor({ body: order }).bind(source);
  assert.deepEqual(input.body, { item: 'tea', qty: 2, tags: ['hot'] });
  assert.equal(
    (await readRawBody(source.req, 1024, source.body)).toString(),
    '{"item":"tea","qty":2,"tags":["hot"]}',
  );
  assert.deepEqual(source.body.parsed, input.body);
  assert.equal(source.body.mediaType, 'application/json');
});

test('a +json media type is read by the JSON reader', async () => {
  const input = await binderFor({ body: order }).bind(
    fakeSource(
      json('{"item":"tea","qty":2}', {
        headers: { 'content-type': 'application/vnd.shop+json; charset=utf-8' },
      }),
    ),
  );
  assert.deepEqual(input.body, { item: 'tea', qty: 2 });
});

test('body problems are JSON pointers', async () => {
  const schema = t.Object({ items: t.Array(t.Object({ sku: t.String(), qty: t.Integer({ minimum: 1 }) })) });
  assert.deepEqual(
    await problems(
      binderFor({ body: schema }).bind(
        fakeSource(json('{"items":[{"sku":"a","qty":1},{"sku":"b","qty":1},{"sku":"c","qty":0}]}')),
      ),
    ),
    [{ in: 'body', name: '/items/2/qty', message: 'must be at least 1', code: 'minimum' }],
  );
  const odd = t.Object({ 'a/b': t.Object({ 'c~d': t.Integer() }) });
  assert.deepEqual(await problems(binderFor({ body: odd }).bind(fakeSource(json('{"a/b":{"c~d":"x"}}')))), [
    { in: 'body', name: '/a~1b/c~0d', message: 'must be an integer', code: 'type' },
  ]);
});

test('unknown body properties are rejected by default, at every depth', async () => {
  const schema = t.Object({ item: t.String(), meta: t.Object({ note: t.String() }) });
  assert.deepEqual(
    await problems(
      binderFor({ body: schema }).bind(
        fakeSource(json('{"item":"a","meta":{"note":"n","x":1},"extra":true}')),
      ),
    ),
    [
      { in: 'body', name: '/extra', message: 'is not allowed', code: 'unknown' },
      { in: 'body', name: '/meta/x', message: 'is not allowed', code: 'unknown' },
    ],
  );
});

test('strip drops unknown body properties; keep passes them on', async () => {
  const schema = t.Object({ item: t.String(), meta: t.Object({ note: t.String() }) });
  const body = '{"item":"a","meta":{"note":"n","x":1},"extra":true}';
  const bind = (policy: UnknownPolicy) =>
    binderFor({ body: schema }, { unknown: { body: policy } }).bind(fakeSource(json(body)));
  assert.deepEqual((await bind('strip')).body, { item: 'a', meta: { note: 'n' } });
  assert.deepEqual((await bind('keep')).body, { item: 'a', meta: { note: 'n', x: 1 }, extra: true });
  const open = t.Object({ item: t.String() }, { additionalProperties: true });
  assert.deepEqual((await binderFor({ body: open }).bind(fakeSource(json('{"item":"a","x":1}')))).body, {
    item: 'a',
    x: 1,
  });
});

test('JSON bodies convert what JSON cannot carry: dates and bigints; defaults apply at every depth', async () => {
  const schema = t.Object({
    at: t.Date(),
    stamp: t.Date({ timeFormat: 'unix' }),
    id: t.BigInt(),
    options: t.Object({ gift: t.Boolean({ default: false }), copies: t.Integer({ default: 1 }) }),
  });
  const input = await binderFor({ body: schema }).bind(
    fakeSource(
      json('{"at":"2024-05-01T10:00:00Z","stamp":1714557600,"id":"9007199254740993","options":{"copies":3}}'),
    ),
  );
  assert.deepEqual(input.body, {
    at: new Date('2024-05-01T10:00:00Z'),
    stamp: new Date('2024-05-01T10:00:00Z'),
    id: 9007199254740993n,
    options: { gift: false, copies: 3 },
  });
  assert.deepEqual(
    await problems(
      binderFor({ body: schema }).bind(fakeSource(json('{"at":"soon","stamp":"x","id":1.5,"options":{}}'))),
    ),
    [
      { in: 'body', name: '/at', message: 'must be a date or date-time in ISO 8601 format', code: 'type' },
      { in: 'body', name: '/stamp', message: 'must be a time in seconds since the epoch', code: 'type' },
      { in: 'body', name: '/id', message: 'must be an integer', code: 'type' },
    ],
  );
});

test('JSON values are not coerced from strings: "2" is not an integer in JSON', async () => {
  assert.deepEqual(
    await problems(binderFor({ body: order }).bind(fakeSource(json('{"item":"a","qty":"2"}')))),
    [{ in: 'body', name: '/qty', message: 'must be an integer', code: 'type' }],
  );
});

test('an absent body is a problem for a required body schema, found without reading', async () => {
  const binder = binderFor({ body: order });
  const required: ProblemItem[] = [{ in: 'body', name: '', message: 'is required', code: 'required' }];
  const syncProblems = (source: FakeSourceOptions) => {
    try {
      binder.bind(fakeSource(source));
    } catch (error) {
      assert.ok(isHttpError(error));
      return error.errors;
    }
    assert.fail('expected a synchronous validation error');
  };
  assert.deepEqual(syncProblems({}), required);
  assert.deepEqual(
    syncProblems({ headers: { 'content-type': 'application/json', 'content-length': '0' } }),
    required,
  );
  assert.deepEqual(await problems(binder.bind(fakeSource(json('', { chunked: true })))), required);
});

test('an optional body schema accepts no body', async () => {
  const input = binderFor({ body: t.Optional(order) }).bind(fakeSource({}));
  assert.ok(!(input instanceof Promise));
  assert.equal(input.body, undefined);
});

test('malformed JSON is 400 with its position; too large is 413 (1 MiB by default, configurable)', async () => {
  await assert.rejects(
    async () => binderFor({ body: order }).bind(fakeSource(json('{"item": "a",, }'))),
    httpErrorWith(400, 'BND_ERR_MALFORMED_BODY', /position 13/),
  );
  const big = JSON.stringify({ item: 'x'.repeat(1024 * 1024), qty: 1 });
  await assert.rejects(
    async () => binderFor({ body: order }).bind(fakeSource(json(big))),
    httpErrorWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE', /1 MiB limit/),
  );
  await assert.rejects(
    async () =>
      binderFor({ body: order }, { limits: { bodySize: 10 } }).bind(
        fakeSource(json('{"item":"abc","qty":1}')),
      ),
    httpErrorWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE', /10 bytes limit/),
  );
});

test('an urlencoded body is coerced like a query string', async () => {
  const schema = t.Object({
    qty: t.Integer(),
    gift: t.Boolean(),
    tags: t.Array(t.String()),
    address: t.Object({ zip: t.String() }),
  });
  const input = await binderFor({ body: schema }).bind(
    fakeSource({
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'qty=2&gift=on&tags=a&tags=b&address[zip]=75001',
    }),
  );
  assert.deepEqual(input.body, { qty: 2, gift: true, tags: ['a', 'b'], address: { zip: '75001' } });
  assert.deepEqual(
    await problems(
      binderFor({ body: schema }).bind(
        fakeSource({
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'qty=x&gift=on&tags=a&address[zip]=1&spam=1',
        }),
      ),
    ),
    [
      { in: 'body', name: '/qty', message: 'must be an integer', code: 'type' },
      { in: 'body', name: '/spam', message: 'is not allowed', code: 'unknown' },
    ],
  );
});

test('multipart bodies bind fields and typed files; temp files go with the request', async () => {
  const schema = t.Object({
    title: t.String(),
    copies: t.Integer(),
    photo: t.File({ mediaTypes: ['image/*'], maxSize: 1_000_000 }),
    extras: t.Optional(t.Array(t.File())),
  });
  const body = multipartBody([
    { name: 'title', value: 'Beach' },
    { name: 'copies', value: '2' },
    { name: 'photo', filename: 'b.png', type: 'image/png', value: Buffer.alloc(100_000, 1) },
    { name: 'extras', filename: 'a.txt', type: 'text/plain', value: 'a' },
  ]);
  const source = fakeSource({ headers: { 'content-type': multipartType }, body });
  const input = await binderFor({ body: schema }, { limits: { fileMemory: 1024 } }).bind(source);
  assert.equal(input.body.title, 'Beach');
  assert.equal(input.body.copies, 2);
  assert.ok(input.body.photo instanceof UploadedFile);
  assert.equal(input.body.photo.size, 100_000);
  assert.ok(input.body.photo.path !== undefined);
  assert.equal(input.body.extras?.length, 1);
  assert.equal(source.cleanups.length, 1);
  await source.runCleanups();
});

test('file constraints and misuse are validation problems', async () => {
  const schema = t.Object({
    photo: t.File({ mediaTypes: ['image/png'], maxSize: 10 }),
    doc: t.File(),
    note: t.String(),
  });
  const body = multipartBody([
    { name: 'photo', filename: 'p.gif', type: 'image/gif', value: 'x' },
    { name: 'doc', value: 'not a file' },
    { name: 'note', filename: 'n.txt', value: 'a file' },
  ]);
  assert.deepEqual(
    await problems(
      binderFor({ body: schema }).bind(fakeSource({ headers: { 'content-type': multipartType }, body })),
    ),
    [
      { in: 'body', name: '/photo', message: 'must be of type image/png', code: 'mediaType' },
      { in: 'body', name: '/doc', message: 'must be a file', code: 'type' },
      { in: 'body', name: '/note', message: 'must be a string', code: 'type' },
    ],
  );
  const big = multipartBody([
    { name: 'photo', filename: 'p.png', type: 'image/png', value: 'x'.repeat(11) },
    { name: 'doc', filename: 'd', value: 'd' },
    { name: 'note', value: 'n' },
  ]);
  assert.deepEqual(
    await problems(
      binderFor({ body: schema }).bind(fakeSource({ headers: { 'content-type': multipartType }, body: big })),
    ),
    [{ in: 'body', name: '/photo', message: 'must be at most 10 bytes', code: 'maxSize' }],
  );
});

test('text and binary bodies', async () => {
  const text = await binderFor({ body: t.String({ maxLength: 10 }) }).bind(
    fakeSource({ headers: { 'content-type': 'text/plain' }, body: 'hello' }),
  );
  assert.equal(text.body, 'hello');
  const bytes = await binderFor({ body: t.Uint8Array() }).bind(
    fakeSource({ headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([1, 2]) }),
  );
  assert.deepEqual(bytes.body, Buffer.from([1, 2]));
});

test('a registered reader (YAML) binds like any other typed format', async () => {
  const readers = defaultReaders().register({
    mediaTypes: ['application/yaml'],
    async read(req, ctx) {
      const raw = await readRawBody(req, ctx.limits.bodySize, ctx.body);
      return raw.length === 0 ? undefined : parseYaml(raw.toString('utf8'));
    },
  });
  const input = await binderFor({ body: order }, { readers }).bind(
    fakeSource({ headers: { 'content-type': 'application/yaml' }, body: 'item: tea\nqty: 3\n' }),
  );
  assert.deepEqual(input.body, { item: 'tea', qty: 3 });
});

test('problems from the body and the other sources come in one answer', async () => {
  const binder = binderFor({
    query: t.Object({ dryRun: t.Boolean() }),
    headers: t.Object({ 'x-request-id': t.String() }),
    body: order,
  });
  assert.deepEqual(
    await problems(binder.bind(fakeSource(json('{"item":"","qty":101,"x":1}', { query: 'dryRun=maybe' })))),
    [
      { in: 'query', name: 'dryRun', message: 'must be true or false', code: 'type' },
      { in: 'header', name: 'x-request-id', message: 'is required', code: 'required' },
      { in: 'body', name: '/x', message: 'is not allowed', code: 'unknown' },
      { in: 'body', name: '/item', message: 'must be at least 1 character long', code: 'minLength' },
      { in: 'body', name: '/qty', message: 'must be at most 100', code: 'maximum' },
    ],
  );
});
