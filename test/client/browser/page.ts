// The browser page of the client's browser test: bundled by esbuild for the browser platform
// (which fails on any Node-only import), it calls every route of the orders example from the
// page's own origin and leaves what it saw on `globalThis.clientResults`.
import type { OrdersApp } from '../../../examples/orders/app.js';
import { client } from '../../../src/client/index.js';

declare const document: { cookie: string };
declare const location: { origin: string };

async function run(): Promise<Record<string, unknown>> {
  // Fetch drops a Cookie header set by a page; the browser sends its own jar instead.
  document.cookie = 'session=browser-session; path=/';
  const api = client<OrdersApp>(location.origin, { headers: { 'x-client': 'browser' } });
  const seen: Record<string, unknown> = {};

  const placed = await api.post('/shops/{shopId}/orders', {
    path: { shopId: 3 },
    headers: { 'x-request-id': 'from-browser' },
    cookies: { session: 'browser-session' },
    body: { item: 'scone', qty: 2, tags: ['warm'] },
  });
  seen.placed =
    placed.status === 201 ? [placed.status, placed.body.total, placed.body.session] : placed.status;
  if (placed.status === 201) {
    const read = await api.get('/shops/{shopId}/orders/{orderId}', {
      path: { shopId: 3, orderId: placed.body.id },
    });
    seen.read = read.status === 200 ? [read.status, read.body.item] : read.status;
  }
  const list = await api.get('/shops/{shopId}/orders', { path: { shopId: 3 } });
  seen.list = list.status === 200 ? [list.status, list.body.length] : list.status;
  const bad = await api.post('/shops/{shopId}/orders', {
    path: { shopId: 3 },
    headers: { 'x-request-id': 'x' },
    cookies: { session: 'browser-session' },
    body: { item: '', qty: 0 },
  });
  seen.bad = bad.status === 400 ? [bad.status, bad.body.errors.length] : bad.status;
  const missing = await api.get('/shops/{id}', { path: { id: 99 } });
  seen.missing = missing.status === 404 ? [missing.status, missing.body.code] : missing.status;
  const shops = await api.get('/shops');
  seen.shops = shops.status === 200 ? [shops.status, shops.body.length] : shops.status;
  const open = await api.get('/shops/open/now');
  seen.open = open.status === 200 ? [open.status, typeof open.body.open] : open.status;
  const health = await api.get('/health');
  seen.health = health.status === 200 ? health.body.status : health.status;
  const controller = new AbortController();
  controller.abort();
  seen.aborted = await api.get('/health', undefined, { signal: controller.signal }).then(
    () => 'answered',
    (error: Error) => error.name,
  );
  return seen;
}

const target = globalThis as { clientResults?: unknown };
run().then(
  (seen) => {
    target.clientResults = seen;
  },
  (error: Error) => {
    target.clientResults = { error: `${error.name}: ${error.message}` };
  },
);
