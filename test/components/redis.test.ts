import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { DaprHttpCore } from '../../src/components/api/dapr-http-core.js';
import { redisBinding } from '../../src/components/bindings/redis/index.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { serviceSkip } from '../support/services.js';
import { conformance } from './conformance.js';
import { silentLogger, uniqueKey } from './support.js';

const HOST = '127.0.0.1:6379';
const skip = await serviceSkip('Redis', '127.0.0.1', 6379);

conformance({
  type: redisBinding,
  skip,
  metadata: () => ({ redisHost: HOST }),
  scenarios: (key) => [
    {
      name: 'create, get, delete',
      steps: [
        { operation: 'create', data: { qty: 2, sku: 'a' }, metadata: { key }, expect: { nothing: true } },
        { operation: 'get', metadata: { key }, expect: { json: { qty: 2, sku: 'a' } } },
        { operation: 'delete', metadata: { key }, expect: { nothing: true } },
        // A missing key is an empty answer (200 over HTTP), not nothing.
        { operation: 'get', metadata: { key }, expect: { empty: true } },
      ],
    },
    {
      name: 'increment counts up',
      steps: [
        { operation: 'increment', metadata: { key: `${key}:n` }, expect: { nothing: true } },
        { operation: 'increment', metadata: { key: `${key}:n` }, expect: { nothing: true } },
        { operation: 'get', metadata: { key: `${key}:n`, delete: 'true' }, expect: { text: '2' } },
        { operation: 'get', metadata: { key: `${key}:n` }, expect: { empty: true } },
      ],
    },
    {
      name: 'a request without a key is refused',
      steps: [{ operation: 'get', expect: { error: 'redis binding: missing key in request metadata' } }],
    },
  ],
});

describe('bindings.redis', { skip }, () => {
  let runtime: BindingsRuntime;
  let redis: Redis;
  const keys: string[] = [];
  const key = () => {
    const k = uniqueKey('bindery-redis');
    keys.push(k);
    return k;
  };
  before(async () => {
    runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({ name: 'cache', type: 'bindings.redis', metadata: { redisHost: HOST } });
    await runtime.start();
    redis = new Redis({ host: '127.0.0.1', port: 6379 });
  });
  after(async () => {
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await runtime.close();
  });

  test('stores the bytes exactly as received (quoted over HTTP, raw in process)', async () => {
    const viaHttp = key();
    const core = new DaprHttpCore(runtime, { apiToken: '' });
    const body = JSON.stringify({ operation: 'create', data: 'hello', metadata: { key: viaHttp } });
    assert.equal((await core.handleInvoke('cache', new TextEncoder().encode(body), {})).status, 204);
    assert.equal(await redis.get(viaHttp), '"hello"');
    const raw = key();
    await runtime.invoke('cache', 'create', new Uint8Array([0, 255, 1]), { key: raw });
    assert.deepEqual(await redis.getBuffer(raw), Buffer.from([0, 255, 1]));
  });

  test('ttl and ttlInSeconds set an expiry; bad values are refused', async () => {
    const a = key();
    const b = key();
    await runtime.invoke('cache', 'create', 'x', { key: a, ttlInSeconds: '100' });
    await runtime.invoke('cache', 'increment', undefined, { key: b, TTL: '2m' });
    const [ttlA, ttlB] = [await redis.ttl(a), await redis.ttl(b)];
    assert.ok(ttlA > 0 && ttlA <= 100, `ttl ${ttlA}`);
    assert.ok(ttlB > 100 && ttlB <= 120, `ttl ${ttlB}`);
    await assert.rejects(runtime.invoke('cache', 'create', 'x', { key: key(), ttl: 'soon' }), {
      message: "ttl value must be a valid integer: actual is 'soon'",
    });
    await assert.rejects(runtime.invoke('cache', 'create', 'x', { key: key(), ttlInSeconds: '-5' }), {
      message: "ttl value must be higher than zero: actual is '-5'",
    });
  });

  test('ttl values Dapr takes as durations under a second expire the key at once, as in Dapr', async () => {
    for (const ttl of ['500ms', '0', '-3s']) {
      const k = key();
      await runtime.invoke('cache', 'create', 'x', { key: k, ttl });
      assert.equal(await redis.exists(k), 0, ttl);
    }
    // ttl is looked up before ttlInSeconds, even when it is empty.
    const k = key();
    await runtime.invoke('cache', 'create', 'x', { key: k, ttl: '', ttlInSeconds: '0' });
    assert.equal(await redis.ttl(k), -1);
  });

  test("an unknown operation names the supported ones in Dapr's order", async () => {
    await assert.rejects(runtime.invoke('cache', 'list'), {
      message:
        'binding cache does not support operation list. supported operations:create delete get increment',
    });
  });

  test('server errors come through as the component error', async () => {
    const k = key();
    await runtime.invoke('cache', 'create', 'not a number', { key: k });
    await assert.rejects(
      runtime.invoke('cache', 'increment', undefined, { key: k }),
      /ERR value is not an integer/,
    );
  });

  test("an unreachable server fails start-up with Dapr's text", async () => {
    const down = new BindingsRuntime({ logger: silentLogger() });
    down.add({
      name: 'down',
      type: 'bindings.redis',
      metadata: { redisHost: '127.0.0.1:1', maxRetries: '0' },
    });
    await assert.rejects(
      down.start(),
      /init failed: redis binding: error connecting to redis at 127\.0\.0\.1:1: /,
    );
  });
});
