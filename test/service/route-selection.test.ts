import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Container, t, WebService } from '../../src/index.js';

function hostedApis() {
  const a = new WebService('/api', { host: 'a.example' });
  a.get('/items').to(() => ({ from: 'a' }));
  a.onError(404, () => ({ answeredBy: 'a' }));
  const b = new WebService('/api', { host: 'b.example' });
  b.get('/things').to(() => ({ from: 'b' }));
  b.onError(404, () => ({ answeredBy: 'b' }));
  return new Container().add(a).add(b);
}

describe('route selection', () => {
  test("a 404 on a host is answered by that host's service, not another service with the same root", async () => {
    const container = hostedApis();
    const onB = await container.inject({ url: '/api/nothing', headers: { host: 'b.example' } });
    assert.equal(onB.status, 404);
    assert.deepEqual(onB.json(), { answeredBy: 'b' });
    const onA = await container.inject({ url: '/api/nothing', headers: { host: 'a.example:8080' } });
    assert.equal(onA.status, 404);
    assert.deepEqual(onA.json(), { answeredBy: 'a' });
  });

  test('a 404 on a host no service claims gets the container answer, not a hosted service', async () => {
    const res = await hostedApis().inject({ url: '/api/nothing', headers: { host: 'c.example' } });
    assert.equal(res.status, 404);
    assert.equal(res.headers['content-type'], 'application/problem+json');
  });
});

describe('one 415 decision', () => {
  const order = t.Object({ item: t.String() });

  function app() {
    const ws = new WebService('/');
    ws.post('/orders')
      .bind({ body: order })
      .to(({ body }) => body);
    ws.post('/any')
      .consumes('*/*')
      .bind({ body: order })
      .to(({ body }) => body);
    ws.get('/search')
      .bind({ body: order }, { allowBody: true })
      .to(({ body }) => body);
    ws.delete('/orders/{id}')
      .consumes('application/json')
      .to(() => undefined);
    return new Container().add(ws);
  }

  async function post(url: string, headers: Record<string, string>, method = 'POST') {
    const res = await app().inject({ method, url, headers, body: '{"item":"tea"}' });
    return {
      status: res.status,
      detail: res.body === '' ? undefined : res.json<{ detail?: string }>().detail,
    };
  }

  test('a type the route does not consume is 415 and says what it consumes', async () => {
    const res = await post('/orders', { 'content-type': 'application/xml' });
    assert.equal(res.status, 415);
    assert.match(
      String(res.detail),
      /application\/xml is not supported; this route consumes application\/json/,
    );
  });

  test('a body without Content-Type is 415 where bodies are expected or read', async () => {
    assert.equal((await post('/orders', {})).status, 415);
    assert.equal((await post('/search', {}, 'GET')).status, 415);
    assert.equal((await post('/orders/1', {}, 'DELETE')).status, 204);
  });

  test('a consumed type no reader reads is 415, as is a value that is no media type', async () => {
    assert.equal((await post('/any', { 'content-type': 'application/xml' })).status, 415);
    assert.equal((await post('/any', { 'content-type': 'nonsense' })).status, 415);
    assert.equal((await post('/any', { 'content-type': 'application/json' })).status, 200);
  });
});
