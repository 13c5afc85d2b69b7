import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Container, WebService } from '../../src/index.js';

function app() {
  const ws = new WebService('/shops');
  ws.get('/{shopId:int}').to(({ path }) => ({ id: path.shopId, type: typeof path.shopId }));
  ws.put('/{shopId:int}').to(() => undefined);
  ws.get('/by-code/{code:string regexp(^[a-z]+$) else 400}').to(({ path }) => ({ code: path.code }));
  const container = new Container();
  container.add(ws);
  return container;
}

describe('routing through the container', () => {
  test('a typed path param reaches the handler as a number', async () => {
    const res = await app().inject({ url: '/shops/42' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json(), { id: 42, type: 'number' });
  });

  test('an unknown path is 404 problem+json', async () => {
    const res = await app().inject({ url: '/nope' });
    assert.equal(res.status, 404);
    assert.equal(res.headers['content-type'], 'application/problem+json');
    const body = res.json<Record<string, unknown>>();
    assert.equal(body.code, 'BND_ERR_NOT_FOUND');
    assert.equal(body.status, 404);
    assert.equal(body.title, 'Not Found');
    assert.match(String(body.type), /not-found/);
  });

  test('a typed param that fails its macro without else is 404', async () => {
    const res = await app().inject({ url: '/shops/abc' });
    assert.equal(res.status, 404);
  });

  test('a macro with else 400 answers 400 with the param rejected code', async () => {
    const res = await app().inject({ url: '/shops/by-code/ABC' });
    assert.equal(res.status, 400);
    assert.equal(res.json<{ code: string }>().code, 'BND_ERR_PARAM_REJECTED');
  });

  test('a known path with another method is 405 with Allow listing every method', async () => {
    const res = await app().inject({ method: 'DELETE', url: '/shops/1' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, 'GET, HEAD, PUT, OPTIONS');
    assert.equal(res.json<{ code: string }>().code, 'BND_ERR_METHOD_NOT_ALLOWED');
  });

  test('HEAD is served from the GET route with headers and no body', async () => {
    const get = await app().inject({ url: '/shops/7' });
    const head = await app().inject({ method: 'HEAD', url: '/shops/7' });
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.equal(head.headers['content-length'], get.headers['content-length']);
    assert.equal(head.headers['content-type'], 'application/json');
  });

  test('OPTIONS without a route answers 204 with Allow', async () => {
    const res = await app().inject({ method: 'OPTIONS', url: '/shops/7' });
    assert.equal(res.status, 204);
    assert.equal(res.headers.allow, 'GET, HEAD, PUT, OPTIONS');
  });

  test('two web services with the same root are refused', () => {
    const container = new Container();
    container.add(new WebService('/a'));
    assert.throws(() => container.add(new WebService('/a')), /two web services share the root \/a/);
  });

  test('two routes of the same method and shape are a startup error naming both', async () => {
    const ws = new WebService('/');
    ws.get('/u/{id}').to(() => 1);
    ws.get('/u/{name}').to(() => 2);
    const container = new Container().add(ws);
    await assert.rejects(container.ready(), (error: Error) => {
      assert.match(error.message, /\/u\/\{id\}/);
      assert.match(error.message, /\/u\/\{name\}/);
      return true;
    });
  });

  test('a query string does not disturb routing and stays readable', async () => {
    const ws = new WebService('/');
    ws.get('/q').to((_input, _deps, ctx) => ({ tags: ctx.query.getAll('tag'), page: ctx.query.get('page') }));
    const res = await new Container().add(ws).inject({ url: '/q?tag=a&tag=b&page=2' });
    assert.deepEqual(res.json(), { tags: ['a', 'b'], page: '2' });
  });

  test('a route without a binding gets its sources raw', async () => {
    const ws = new WebService('/');
    ws.get('/raw/{id:int}').to(({ path, query, headers, cookies, body }) => ({
      path,
      query,
      agent: headers['user-agent'],
      cookies,
      body: body ?? null,
    }));
    const res = await new Container().add(ws).inject({
      url: '/raw/3?tag=a&tag=b&q=x+y',
      headers: { 'user-agent': 'probe', cookie: 'a=1; b=2' },
    });
    assert.deepEqual(res.json(), {
      path: { id: 3 },
      query: { tag: ['a', 'b'], q: 'x y' },
      agent: 'probe',
      cookies: { a: '1', b: '2' },
      body: null,
    });
  });

  test('a root with typed params joins the sub-path', async () => {
    const ws = new WebService('/shops/{shopId:int}');
    ws.get('/orders/{orderId:int}').to(({ path }) => ({ sum: path.shopId + path.orderId }));
    const res = await new Container().add(ws).inject({ url: '/shops/2/orders/3' });
    assert.deepEqual(res.json(), { sum: 5 });
  });

  test('a request target over the limit is 414', async () => {
    const container = new Container({ limits: { urlLength: 50 } }).add(new WebService('/'));
    const res = await container.inject({ url: `/${'a'.repeat(60)}` });
    assert.equal(res.status, 414);
    assert.equal(res.json<{ code: string }>().code, 'BND_ERR_URI_TOO_LONG');
  });
});
