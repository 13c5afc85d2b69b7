import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createOrdersApp, type OrdersApp } from '../../examples/orders/app.js';
import { type Client, client, type Problem, type ValidationProblem } from '../../src/client/index.js';
import { type Equal, expectType } from '../support/type-assert.js';

const clock = { now: () => new Date('2026-03-01T10:00:00.000Z') };
const order = {
  path: { shopId: 4 },
  headers: { 'x-request-id': 'req-1' },
  cookies: { session: 's-1' },
  body: { item: 'tea', qty: 3, tags: ['green'] },
};

/** Every route of the example, good and bad input, through one client (HTTP or in-process). */
function exercise(api: () => Client<OrdersApp>) {
  test('places an order, reads it back and lists it', async () => {
    const placed = await api().post('/shops/{shopId}/orders', order);
    assert.equal(placed.status, 201);
    if (placed.status !== 201) return;
    expectType<Equal<typeof placed.ok, true>>();
    expectType<Equal<typeof placed.body.dryRun, boolean>>();
    assert.equal(placed.body.total, 9);
    assert.equal(placed.body.dryRun, false);
    assert.equal(placed.headers.get('location'), `/shops/4/orders/${placed.body.id}`);

    const read = await api().get('/shops/{shopId}/orders/{orderId}', {
      path: { shopId: 4, orderId: placed.body.id },
    });
    assert.equal(read.status, 200);
    if (read.status === 200) {
      expectType<Equal<typeof read.body.tags, string[]>>();
      assert.deepEqual(read.body.tags, ['green']);
    }

    const list = await api().get('/shops/{shopId}/orders', { path: { shopId: 4 } });
    assert.equal(list.status, 200);
    if (list.status === 200) assert.ok(list.body.some((o) => o.id === placed.body.id));
  });

  test('a dry run is a query input a caller may leave out', async () => {
    const dry = await api().post('/shops/{shopId}/orders', { ...order, query: { dryRun: true } });
    assert.equal(dry.status, 201);
    if (dry.status === 201) assert.equal(dry.body.dryRun, true);
  });

  test('bad input answers 400 with every problem typed', async () => {
    const bad = await api().post('/shops/{shopId}/orders', {
      ...order,
      headers: { 'x-request-id': '' },
      body: { item: '', qty: 500 },
    });
    assert.equal(bad.status, 400);
    if (bad.status !== 400) return;
    expectType<Equal<typeof bad.body, ValidationProblem>>();
    expectType<Equal<typeof bad.ok, false>>();
    assert.equal(bad.body.code, 'BND_ERR_VALIDATION');
    const where = bad.body.errors.map((e) => `${e.in}:${e.name}`).sort();
    assert.deepEqual(where, ['body:/item', 'body:/qty', 'header:x-request-id']);
  });

  test('a path the macro refuses and an order that is not there answer problems', async () => {
    const refused = await api().get('/shops/{shopId}/orders', { path: { shopId: 0 } });
    assert.equal(refused.status, 404);
    const missing = await api().get('/shops/{shopId}/orders/{orderId}', {
      path: { shopId: 4, orderId: '00000000-0000-4000-8000-000000000000' },
    });
    assert.equal(missing.status, 404);
    if (missing.status === 404) {
      expectType<Equal<typeof missing.body, Problem<404>>>();
      assert.match(missing.body.detail, /has no order/);
    }
  });

  test('the shops controller: list, one by id, a missing one and the opening hours', async () => {
    const shops = await api().get('/shops');
    assert.equal(shops.status, 200);
    if (shops.status === 200) {
      expectType<Equal<typeof shops.body, { id: number; name: string }[]>>();
      assert.equal(shops.body.length, 2);
    }
    const shop = await api().get('/shops/{id}', { path: { id: 2 } });
    assert.equal(shop.status, 200);
    if (shop.status === 200) assert.equal(shop.body.name, 'Harbour Books');
    const missing = await api().get('/shops/{id}', { path: { id: 9 } });
    assert.equal(missing.status, 404);
    if (missing.status === 404) assert.equal(missing.body.detail, 'no shop 9');
    const refused = await api().get('/shops/{id}', { path: { id: 0 } });
    assert.equal(refused.status, 404);
    const open = await api().get('/shops/open/now');
    assert.equal(open.status, 200);
    if (open.status === 200) {
      expectType<Equal<typeof open.body, { open: boolean; checkedAt: string }>>();
      assert.deepEqual(open.body, { open: true, checkedAt: '2026-03-01T10:00:00.000Z' });
    }
  });

  test('health answers its literal status', async () => {
    const health = await api().get('/health');
    assert.equal(health.status, 200);
    if (health.status === 200) {
      expectType<Equal<typeof health.body, { status: 'ok' }>>();
      assert.deepEqual(health.body, { status: 'ok' });
    }
  });
}

describe('the orders example through its typed client', () => {
  let dir: string;
  let app: OrdersApp;
  let http: Client<OrdersApp>;
  let local: Client<OrdersApp>;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bindery-client-'));
    app = await createOrdersApp({ dataDir: dir, clock, logger: false });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    http = client<OrdersApp>(`http://127.0.0.1:${address.port}`);
    local = client(app);
  });

  after(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('over HTTP', () => exercise(() => http));
  describe('in-process', () => exercise(() => local));
});

// The calls' inputs are exactly the routes' inputs.
async function typeOnly(api: Client<OrdersApp>) {
  // @ts-expect-error: the path parameter is a number (an `int` macro)
  await api.get('/shops/{shopId}/orders', { path: { shopId: '4' } });
  // @ts-expect-error: the bound header is required
  await api.post('/shops/{shopId}/orders', { path: { shopId: 4 }, cookies: order.cookies, body: order.body });
  // @ts-expect-error: qty is a number
  await api.post('/shops/{shopId}/orders', { ...order, body: { item: 'tea', qty: '3' } });
  // @ts-expect-error: no such route
  await api.get('/shops/{shopId}/invoices', { path: { shopId: 4 } });
  // @ts-expect-error: the list route takes no body
  await api.get('/shops/{shopId}/orders', { path: { shopId: 4 }, body: {} });
  // @ts-expect-error: a shop id is a number
  await api.get('/shops/{id}', { path: { id: 'two' } });
  // @ts-expect-error: placing an order is a POST
  await api.put('/shops/{shopId}/orders', order);
  const answer = await api.get('/shops/{shopId}/orders', { path: { shopId: 4 } });
  // @ts-expect-error: 201 is not an answer of this route
  if (answer.status === 201) return;
}
void typeOnly;
