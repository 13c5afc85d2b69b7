import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { daprHttpService } from '../../src/components/api/dapr-http-service.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { Container, t, WebService } from '../../src/index.js';
import { fakeBinding } from '../components/fake-binding.js';
import { silentLogger } from '../components/support.js';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const json = { 'content-type': 'application/json' };

describe('deeply nested JSON bodies', () => {
  const ws = new WebService('/');
  ws.post('/echo')
    .bind({ body: t.Unknown() })
    .to(({ body }) => ({ body }));
  ws.post('/shallow')
    .limits({ jsonDepth: 3 })
    .bind({ body: t.Unknown() })
    .to(({ body }) => ({ body }));
  const container = new Container({ logger: false }).add(ws);
  after(() => container.close());

  test('ten thousand levels answer 400 naming the limit, not 500', async () => {
    const res = await container.inject({ method: 'POST', url: '/echo', headers: json, body: nested(10_000) });
    assert.equal(res.status, 400);
    const problem = res.json() as { code: string; detail: string; limit: number; position: number };
    assert.equal(problem.code, 'BND_ERR_BODY_TOO_DEEP');
    assert.equal(problem.limit, 128);
    assert.equal(problem.position, 128);
    assert.match(problem.detail, /deeper than the limit of 128 levels/);
  });

  test('nesting up to the limit is served; brackets inside strings do not count', async () => {
    const ok = await container.inject({ method: 'POST', url: '/echo', headers: json, body: nested(128) });
    assert.equal(ok.status, 200);
    const text = JSON.stringify({ s: '[['.repeat(500) });
    const strings = await container.inject({ method: 'POST', url: '/echo', headers: json, body: text });
    assert.equal(strings.status, 200);
    assert.deepEqual(strings.json(), { body: { s: '[['.repeat(500) } });
  });

  test('a route may set its own depth; the container sets the default', async () => {
    const deep = { a: { b: { c: { d: 1 } } } };
    const refused = await container.inject({ method: 'POST', url: '/shallow', headers: json, body: deep });
    assert.equal(refused.status, 400);
    assert.equal((refused.json() as { limit: number }).limit, 3);
    const small = new WebService('/');
    small
      .post('/')
      .bind({ body: t.Unknown() })
      .to(() => ({ ok: true }));
    const strict = new Container({ logger: false, limits: { jsonDepth: 2 } }).add(small);
    const res = await strict.inject({ method: 'POST', url: '/', headers: json, body: '{"a":{"b":[]}}' });
    assert.equal(res.status, 400);
    await strict.close();
  });
});

describe('deeply nested data on the Dapr API', () => {
  test("answers Dapr's 400 ERR_MALFORMED_REQUEST, not 500", async () => {
    const runtime = new BindingsRuntime({ types: [fakeBinding], logger: silentLogger() });
    runtime.add({ name: 'fake', type: 'bindings.fake', metadata: { greeting: 'hi' } });
    await runtime.start();
    const container = new Container({ logger: false }).add(daprHttpService(runtime));
    try {
      const body = `{"operation":"echo","data":${nested(4_000)}}`;
      const res = await container.inject({ method: 'POST', url: '/v1.0/bindings/fake', headers: json, body });
      assert.equal(res.status, 400);
      assert.deepEqual(res.json(), {
        errorCode: 'ERR_MALFORMED_REQUEST',
        message: 'failed deserializing HTTP body: json: exceeded max depth of 128',
      });
      const fine = `{"operation":"echo","data":${nested(100)}}`;
      const ok = await container.inject({
        method: 'POST',
        url: '/v1.0/bindings/fake',
        headers: json,
        body: fine,
      });
      assert.equal(ok.status, 200);
    } finally {
      await container.close();
      await runtime.close();
    }
  });
});
