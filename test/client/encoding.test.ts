import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, client } from '../../src/client/index.js';
import { Container, t, WebService } from '../../src/index.js';
import { type Equal, expectType } from '../support/type-assert.js';

// One route per encoding rule; each answers what the binder read, so a test compares the
// value sent with the value bound.
function echoService() {
  return new WebService('/echo')
    .get('/query')
    .bind({
      query: t.Object({
        ids: t.Array(t.Integer()),
        csv: t.Optional(t.Array(t.String(), { collectionFormat: 'csv' })),
        filter: t.Optional(t.Object({ status: t.String(), min: t.Optional(t.Integer()) })),
        big: t.Optional(t.BigInt()),
        since: t.Optional(t.Date()),
        flag: t.Boolean({ default: false }),
        text: t.Optional(t.String()),
      }),
    })
    .to(({ query }) => ({
      ...query,
      big: query.big?.toString(),
      since: query.since?.toISOString(),
    }))
    .get('/path/{big:int64}/{day:date}')
    .to(({ path }) => ({ big: path.big.toString(), day: path.day.toISOString() }))
    .get('/name/{name}')
    .to(({ path }) => ({ name: path.name }))
    .get('/files/{rest:path}')
    .to(({ path }) => ({ rest: path.rest }))
    .get('/meta')
    .bind({
      headers: t.Object({ 'x-tags': t.Array(t.String()), 'x-count': t.Integer() }),
      cookies: t.Object({ session: t.String(), theme: t.Optional(t.String()) }),
    })
    .to(({ headers, cookies }) => ({ tags: headers['x-tags'], count: headers['x-count'], cookies }))
    .post('/json')
    .bind({ body: t.Object({ big: t.BigInt(), at: t.Date(), items: t.Array(t.Object({ n: t.Integer() })) }) })
    .to(({ body }) => ({ big: body.big.toString(), at: body.at.toISOString(), items: body.items }))
    .post('/form')
    .consumes('application/x-www-form-urlencoded')
    .bind({ body: t.Object({ name: t.String(), tags: t.Array(t.String()), age: t.Integer() }) })
    .to(({ body }) => body)
    .post('/upload')
    .bind({ body: t.Object({ title: t.String(), file: t.File({ maxSize: 1024 }) }) })
    .to(async ({ body }) => ({
      title: body.title,
      name: body.file.name,
      type: body.file.type,
      text: (await body.file.buffer()).toString('utf8'),
    }))
    .get('/slow')
    .to(() => new Promise<{ late: true }>((resolve) => setTimeout(() => resolve({ late: true }), 2000)))
    .get('/headers')
    .to((_input, _deps, ctx) => ({ auth: ctx.req.headers.authorization, trace: ctx.req.headers['x-trace'] }))
    .delete('/gone')
    .to(() => undefined)
    .get('/text')
    .produces('text/plain')
    .to(() => 'plain words');
}

type Echo = ReturnType<typeof echoService>;
const echoApp = () => new Container().add(echoService());

function rules(api: () => Client<Echo>) {
  test('query: repeated keys, a csv list, bracket objects, bigint, date, defaults', async () => {
    const since = new Date('2026-01-02T03:04:05.000Z');
    const res = await api().get('/echo/query', {
      query: {
        ids: [1, 2, 3],
        csv: ['a', 'b c'],
        filter: { status: 'open', min: 2 },
        big: 9007199254740993n,
        since,
        text: 'a&b=c+d ü',
      },
    });
    assert.equal(res.status, 200);
    if (res.status !== 200) return;
    assert.deepEqual(res.body, {
      ids: [1, 2, 3],
      csv: ['a', 'b c'],
      filter: { status: 'open', min: 2 },
      big: '9007199254740993',
      since: since.toISOString(),
      flag: false,
      text: 'a&b=c+d ü',
    });
  });

  test('path: int64 as bigint, date over three segments, percent-encoding, a tail', async () => {
    const res = await api().get('/echo/path/{big}/{day}', {
      path: { big: 1234567890123456789n, day: new Date('2024-02-29T00:00:00Z') },
    });
    assert.deepEqual(res.body, { big: '1234567890123456789', day: '2024-02-29T00:00:00.000Z' });
    const name = await api().get('/echo/name/{name}', { path: { name: 'a b/c?d#e%' } });
    assert.deepEqual(name.body, { name: 'a b/c?d#e%' });
    const tail = await api().get('/echo/files/{rest}', { path: { rest: 'docs/read me.txt' } });
    assert.deepEqual(tail.body, { rest: 'docs/read me.txt' });
  });

  test('headers and cookies', async () => {
    const res = await api().get('/echo/meta', {
      headers: { 'x-tags': ['a', 'b'], 'x-count': 3 },
      cookies: { session: 's=1; x', theme: 'dark' },
    });
    assert.deepEqual(res.body, { tags: ['a', 'b'], count: 3, cookies: { session: 's=1; x', theme: 'dark' } });
  });

  test('JSON body with a bigint and a date', async () => {
    const res = await api().post('/echo/json', {
      body: { big: 2n ** 70n, at: new Date('2026-05-06T07:08:09.000Z'), items: [{ n: 1 }, { n: 2 }] },
    });
    assert.deepEqual(res.body, {
      big: (2n ** 70n).toString(),
      at: '2026-05-06T07:08:09.000Z',
      items: [{ n: 1 }, { n: 2 }],
    });
  });

  test('a form body for a route that consumes only forms', async () => {
    const res = await api().post(
      '/echo/form',
      { body: { name: 'Ada', tags: ['x', 'y'], age: 36 } },
      { bodyAs: 'form' },
    );
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { name: 'Ada', tags: ['x', 'y'], age: 36 });
    const json = await api().post('/echo/form', { body: { name: 'Ada', tags: [], age: 1 } });
    assert.equal(json.status, 415);
    if (json.status === 415) assert.equal(json.body.code, 'BND_ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  test('a multipart body with a file', async () => {
    const file = new File(['hello file'], 'note.txt', { type: 'text/plain' });
    const res = await api().post('/echo/upload', { body: { title: 'notes', file } });
    assert.equal(res.status, 200);
    if (res.status === 200) {
      expectType<Equal<typeof res.body, { title: string; name: string; type: string; text: string }>>();
      assert.deepEqual(res.body, {
        title: 'notes',
        name: 'note.txt',
        type: 'text/plain',
        text: 'hello file',
      });
    }
    const big = await api().post('/echo/upload', {
      body: { title: 'big', file: new Blob(['x'.repeat(2000)]) },
    });
    assert.equal(big.status, 400);
  });

  test('no content, text, and an aborted call', async () => {
    const gone = await api().delete('/echo/gone');
    assert.equal(gone.status, 204);
    expectType<Equal<typeof gone extends { status: 204 } ? typeof gone.body : never, undefined>>();
    const text = await api().get('/echo/text');
    assert.equal(text.body, 'plain words');
    const controller = new AbortController();
    const pending = api().get('/echo/slow', undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, (error: Error) => error.name === 'AbortError');
  });
}

describe('the client encodes inputs as the binder reads them', () => {
  let app: ReturnType<typeof echoApp>;
  let base: string;

  before(async () => {
    app = echoApp();
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${address.port}`;
  });
  after(() => app.close());

  describe('over HTTP', () => rules(() => client<Echo>(base)));
  describe('in-process', () => rules(() => client(app)));

  test('a base URL with a path prefix, a custom fetch, and headers per client and per call', async () => {
    const seen: string[] = [];
    let token = 0;
    const api = client<Echo>(`${base}/api/v1/`, {
      headers: () => ({ authorization: `Bearer ${++token}`, 'x-trace': 'client' }),
      fetch: (input, init) => {
        const url = String(input);
        seen.push(url);
        return fetch(url.replace('/api/v1', ''), init);
      },
    });
    const first = await api.get('/echo/headers');
    const second = await api.get('/echo/headers', undefined, { headers: { 'x-trace': 'call' } });
    assert.deepEqual(first.body, { auth: 'Bearer 1', trace: 'client' });
    assert.deepEqual(second.body, { auth: 'Bearer 2', trace: 'call' });
    assert.deepEqual(seen, [`${base}/api/v1/echo/headers`, `${base}/api/v1/echo/headers`]);
  });
});
