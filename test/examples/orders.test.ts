import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createOrdersApp } from '../../examples/orders/app.js';
import type { Container } from '../../src/index.js';
import { serviceSkip } from '../support/services.js';

const clock = { now: () => new Date('2026-03-01T10:00:00.000Z') };
const headers = { 'x-request-id': 'req-1', cookie: 'session=s-1' };

async function placeAndRead(app: Container) {
  const placed = await app.inject({
    method: 'POST',
    url: '/shops/4/orders',
    headers,
    body: { item: 'tea', qty: 3 },
  });
  assert.equal(placed.status, 201);
  const order = placed.json<{ id: string; total: number; placedAt: string }>();
  assert.equal(order.total, 9);
  assert.equal(order.placedAt, '2026-03-01T10:00:00.000Z');
  assert.equal(placed.headers.location, `/shops/4/orders/${order.id}`);
  const read = await app.inject({ url: `/shops/4/orders/${order.id}` });
  assert.equal(read.status, 200);
  assert.equal(read.json<{ item: string }>().item, 'tea');
  const list = await app.inject({ url: '/shops/4/orders' });
  assert.ok(list.json<{ id: string }[]>().some((o) => o.id === order.id));
  return order.id;
}

describe('examples/orders with the embedded file store', () => {
  let dir: string;
  let app: Container;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bindery-orders-'));
    app = await createOrdersApp({ dataDir: dir, clock, logger: false });
  });

  after(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('an order is stored as a file and read back', async () => {
    const id = await placeAndRead(app);
    assert.deepEqual(await readdir(dir), [`4-${id}.json`]);
  });

  test('a dry run is priced but not stored', async () => {
    const before = (await readdir(dir)).length;
    const res = await app.inject({
      method: 'POST',
      url: '/shops/4/orders?dryRun=true',
      headers,
      body: { item: 'cake', qty: 1 },
    });
    assert.equal(res.status, 201);
    assert.equal(res.json<{ dryRun: boolean }>().dryRun, true);
    assert.equal((await readdir(dir)).length, before);
  });

  test('invalid input lists every problem; unknown orders and shops are 404', async () => {
    const bad = await app.inject({ method: 'POST', url: '/shops/4/orders', body: { qty: 500 } });
    assert.equal(bad.status, 400);
    assert.equal(bad.json<{ errors: unknown[] }>().errors.length, 4);
    assert.equal(
      (await app.inject({ url: '/shops/4/orders/00000000-0000-4000-8000-000000000000' })).status,
      404,
    );
    assert.equal((await app.inject({ url: '/shops/0/orders' })).status, 404);
    assert.equal((await app.inject({ url: '/shops/9' })).status, 404);
  });

  test('the shops controller and health answer', async () => {
    assert.equal((await app.inject({ url: '/shops' })).json<unknown[]>().length, 2);
    assert.deepEqual((await app.inject({ url: '/shops/2' })).json(), { id: 2, name: 'Harbour Books' });
    assert.deepEqual((await app.inject({ url: '/shops/open/now' })).json(), {
      open: true,
      checkedAt: '2026-03-01T10:00:00.000Z',
    });
    assert.deepEqual((await app.inject({ url: '/health' })).json(), { status: 'ok' });
  });
});

describe('examples/orders with PostgreSQL', async () => {
  const skip = await serviceSkip('PostgreSQL', '127.0.0.1', 5432);
  test('orders go through the bindings.postgresql component file', { skip }, async () => {
    process.env.ORDERS_DB_PASSWORD ??= 'unused-with-trust-auth';
    const dir = await mkdtemp(join(tmpdir(), 'bindery-orders-'));
    const app = await createOrdersApp({ database: 'postgres', dataDir: dir, clock, logger: false });
    try {
      await placeAndRead(app);
      assert.deepEqual(await readdir(dir), [], 'nothing went to the file store');
    } finally {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
