import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bytesWriter } from '../../src/http/index.js';
import { Container, isStartupError, t, WebService } from '../../src/index.js';

async function startupError(container: Container): Promise<{ code: string; message: string }> {
  try {
    await container.ready();
  } catch (error) {
    assert.ok(isStartupError(error), `expected a StartupError, got ${String(error)}`);
    return { code: error.code, message: error.message };
  }
  assert.fail('ready() should have failed');
}

describe('startup checks', () => {
  test('a produced type no writer writes fails ready() naming the route and its service', async () => {
    const ws = new WebService('/reports');
    ws.get('/{id}')
      .produces('application/pdf')
      .to(() => ({ id: 1 }));
    const error = await startupError(new Container().add(ws));
    assert.equal(error.code, 'BND_ERR_MEDIA_TYPE');
    assert.match(error.message, /GET \/reports\/\{id\} of web service \/reports produces application\/pdf/);
  });

  test('a route answering bytes passes once a bytes writer covers its type', async () => {
    const ws = new WebService('/reports');
    ws.get('/{id}')
      .produces('application/pdf')
      .to(() => Buffer.from('%PDF'));
    const container = new Container().add(ws);
    container.writers.register(bytesWriter('application/pdf'));
    const res = await container.inject({ url: '/reports/1' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
  });

  test('a consumed type of a bound body no reader reads fails ready()', async () => {
    const ws = new WebService('/orders');
    ws.post('/')
      .consumes('application/xml')
      .bind({ body: t.Object({ item: t.String() }) })
      .to(() => undefined);
    const error = await startupError(new Container().add(ws));
    assert.equal(error.code, 'BND_ERR_MEDIA_TYPE');
    assert.match(error.message, /POST \/orders of web service \/orders consumes application\/xml/);
  });

  test('a route conflict across two services names both services', async () => {
    const root = new WebService('/');
    root.get('/api/{id:int}').to(() => 'root');
    const api = new WebService('/api');
    api.get('/{key:int}').to(() => 'api');
    const error = await startupError(new Container().add(root).add(api));
    assert.equal(error.code, 'BND_ERR_ROUTE_CONFLICT');
    assert.match(error.message, /web service \/api\b/);
    assert.match(error.message, /web service \/: /);
  });

  test('.limits() on a route without .bind() is honoured: a larger body is 413', async () => {
    const ws = new WebService('/raw');
    ws.post('/')
      .limits({ bodySize: 10 })
      .to(() => ({ ok: true }));
    const container = new Container().add(ws);
    const small = await container.inject({ method: 'POST', url: '/raw/', body: 'x'.repeat(10) });
    assert.equal(small.status, 200);
    const big = await container.inject({ method: 'POST', url: '/raw/', body: 'x'.repeat(100) });
    assert.equal(big.status, 413);
    assert.equal(big.json<{ code: string }>().code, 'BND_ERR_PAYLOAD_TOO_LARGE');
  });
});
