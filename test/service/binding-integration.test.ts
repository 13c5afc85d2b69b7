import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Container, created, t, WebService } from '../../src/index.js';

function orders(bodySize?: number) {
  const ws = new WebService('/shops');
  const route = ws.post('/{shopId:int}/orders');
  if (bodySize !== undefined) route.limits({ bodySize });
  route
    .bind({
      query: t.Object({ dryRun: t.Optional(t.Boolean()) }),
      headers: t.Object({ 'x-request-id': t.String() }),
      cookies: t.Object({ session: t.String() }),
      body: t.Object(
        {
          item: t.String({ minLength: 1 }),
          qty: t.Integer({ minimum: 1, maximum: 100 }),
          tags: t.Optional(t.Array(t.String(), { maxItems: 10 })),
        },
        { additionalProperties: false },
      ),
    })
    .to(({ path, query, headers, cookies, body }) =>
      created({
        shopId: path.shopId,
        item: body.item,
        qty: body.qty,
        total: body.qty * 3,
        dryRun: query.dryRun ?? false,
        requestId: headers['x-request-id'],
        session: cookies.session,
      }),
    );
  return new Container().add(ws);
}

describe('binding through the container', () => {
  test('every source is bound and typed', async () => {
    const res = await orders().inject({
      method: 'POST',
      url: '/shops/7/orders?dryRun=true',
      headers: { 'x-request-id': 'r-1', cookie: 'session=s-1' },
      body: { item: 'tea', qty: 2 },
    });
    assert.equal(res.status, 201);
    assert.deepEqual(res.json(), {
      shopId: 7,
      item: 'tea',
      qty: 2,
      total: 6,
      dryRun: true,
      requestId: 'r-1',
      session: 's-1',
    });
  });

  test('one 400 lists the problems of every source', async () => {
    const res = await orders().inject({
      method: 'POST',
      url: '/shops/7/orders?dryRun=maybe',
      body: { item: '', qty: 0, extra: 1 },
    });
    assert.equal(res.status, 400);
    assert.equal(res.headers['content-type'], 'application/problem+json');
    const problem = res.json<{ code: string; errors: { in: string; name: string }[] }>();
    assert.equal(problem.code, 'BND_ERR_VALIDATION');
    const places = new Set(problem.errors.map((e) => `${e.in} ${e.name}`));
    for (const expected of [
      'query dryRun',
      'header x-request-id',
      'cookie session',
      'body /item',
      'body /qty',
    ]) {
      assert.ok(places.has(expected), `${expected} missing from ${[...places].join(', ')}`);
    }
  });

  test('malformed JSON is 400 with the position, a large body 413, an unknown type 415', async () => {
    const headers = { 'x-request-id': 'r', cookie: 'session=s', 'content-type': 'application/json' };
    const bad = await orders().inject({
      method: 'POST',
      url: '/shops/1/orders',
      headers,
      body: '{"item": "a",',
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.json<{ code: string }>().code, 'BND_ERR_MALFORMED_BODY');
    const big = await orders(64).inject({
      method: 'POST',
      url: '/shops/1/orders',
      headers,
      body: JSON.stringify({ item: 'x'.repeat(200), qty: 1 }),
    });
    assert.equal(big.status, 413);
    const odd = await orders().inject({
      method: 'POST',
      url: '/shops/1/orders',
      headers: { ...headers, 'content-type': 'application/x-unknown' },
      body: 'x',
    });
    assert.equal(odd.status, 415);
  });

  test('a route may strip unknown body properties instead of rejecting them', async () => {
    const ws = new WebService('/');
    ws.post('/strict')
      .bind({ body: t.Object({ a: t.String() }) })
      .to(({ body }) => body);
    ws.post('/lenient')
      .bind({ body: t.Object({ a: t.String() }) }, { unknown: { body: 'strip' } })
      .to(({ body }) => body);
    const container = new Container().add(ws);
    const strict = await container.inject({ method: 'POST', url: '/strict', body: { a: 'x', b: 1 } });
    assert.equal(strict.status, 400);
    const lenient = await container.inject({ method: 'POST', url: '/lenient', body: { a: 'x', b: 1 } });
    assert.deepEqual(lenient.json(), { a: 'x' });
  });

  test('a body declared on GET is a startup error naming the route', async () => {
    const ws = new WebService('/');
    ws.get('/x')
      .bind({ body: t.Object({ a: t.String() }) })
      .to(() => 1);
    await assert.rejects(new Container().add(ws).ready(), /GET \/x/);
  });
});
