import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BindingsRuntime, bindingChecks, Container, healthProbes, WebService } from '../../src/index.js';
import { silentLogger } from '../components/support.js';
import { PrivateRedis } from '../support/private-redis.js';

/** Set when an app's `/slow` handler has been reached. */
let slowReached = false;

function appWith(checks: Parameters<typeof healthProbes>[1]): { container: Container; release: () => void } {
  let release = () => {};
  const ws = new WebService('/');
  ws.get('/hello').to(() => ({ hello: 'world' }));
  ws.get('/slow').to(
    () =>
      new Promise((resolve) => {
        slowReached = true;
        release = () => resolve({ finished: true });
      }),
  );
  const container = new Container();
  container.filter(healthProbes(container, checks)).add(ws);
  return { container, release: () => release() };
}

describe('health probes', () => {
  test('readiness passes when the container serves and every check passes, listing each check', async () => {
    const { container } = appWith({ checks: { database: () => true, cache: async () => undefined } });
    const res = await container.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/health\+json/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const body = res.json() as { status: string; checks: { name: string; status: string }[] };
    assert.equal(body.status, 'pass');
    assert.deepEqual(
      body.checks.map((c) => [c.name, c.status]),
      [
        ['lifecycle', 'pass'],
        ['database', 'pass'],
        ['cache', 'pass'],
      ],
    );
    await container.close();
  });

  test('a check that throws, returns false or outlasts its budget makes readiness 503 with its reason', async () => {
    const { container } = appWith({
      checkTimeout: 50,
      checks: {
        thrown: () => {
          throw new Error('queue is gone');
        },
        refused: () => false,
        stuck: () => new Promise(() => {}),
        fine: () => true,
      },
    });
    const res = await container.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.status, 503);
    const body = res.json() as {
      status: string;
      checks: { name: string; status: string; output?: string }[];
    };
    assert.equal(body.status, 'fail');
    const byName = Object.fromEntries(body.checks.map((c) => [c.name, c]));
    assert.equal(byName.thrown?.output, 'queue is gone');
    assert.equal(byName.refused?.status, 'fail');
    assert.match(byName.stuck?.output ?? '', /no answer within 50 ms/);
    assert.equal(byName.fine?.status, 'pass');
    // Liveness does not run readiness checks: a slow dependency must not restart the process.
    const live = await container.inject({ method: 'GET', url: '/healthz' });
    assert.equal(live.status, 200);
    await container.close();
  });

  test('while closing, readiness answers 503 and liveness still 200', async () => {
    const { container, release } = appWith({});
    const { port } = await container.listen({ port: 0 });
    const slow = fetch(`http://127.0.0.1:${port}/slow`);
    while (!slowReached) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const closing = container.close();
    assert.equal(container.lifecycle, 'closing');
    const ready = await container.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.status, 503);
    assert.match(ready.body, /the container is closing/);
    assert.equal((await container.inject({ method: 'GET', url: '/healthz' })).status, 200);
    release();
    assert.equal((await slow).status, 200);
    await closing;
    assert.equal(container.lifecycle, 'closed');
  });

  test('only GET and HEAD on the two paths are answered; everything else reaches the routes', async () => {
    const { container } = appWith({});
    assert.equal((await container.inject({ method: 'GET', url: '/hello' })).status, 200);
    assert.equal((await container.inject({ method: 'HEAD', url: '/readyz' })).status, 200);
    assert.equal((await container.inject({ method: 'POST', url: '/readyz' })).status, 404);
    assert.equal((await container.inject({ method: 'GET', url: '/readyz/x' })).status, 404);
    await container.close();
  });

  test('the paths are configurable', async () => {
    const container = new Container();
    container.filter(healthProbes(container, { livenessPath: '/live', readinessPath: '/ready' }));
    assert.equal((await container.inject({ method: 'GET', url: '/ready' })).status, 200);
    assert.equal((await container.inject({ method: 'GET', url: '/live' })).status, 200);
    assert.equal((await container.inject({ method: 'GET', url: '/readyz' })).status, 404);
    await container.close();
  });
});

const noRedisServer = await PrivateRedis.skip();

describe('binding readiness against a private Redis', { skip: noRedisServer }, () => {
  let redis: PrivateRedis;
  let runtime: BindingsRuntime;
  let container: Container;

  before(async () => {
    redis = (await PrivateRedis.start())!;
    runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({ name: 'cache', type: 'bindings.redis', metadata: { redisHost: redis.host } });
    await runtime.start();
    container = new Container();
    container.filter(
      healthProbes(container, { checkTimeout: 300, checks: bindingChecks(runtime, ['cache']) }),
    );
  });

  after(async () => {
    await redis.stop();
    await container.close();
    await runtime.close();
  });

  test('a frozen Redis fails its binding check within the budget; thawed, it passes again', async () => {
    assert.equal((await container.inject({ method: 'GET', url: '/readyz' })).status, 200);
    redis.freeze();
    const down = await container.inject({ method: 'GET', url: '/readyz' });
    assert.equal(down.status, 503);
    const check = (
      down.json() as { checks: { name: string; status: string; output?: string }[] }
    ).checks.find((c) => c.name === 'binding:cache');
    assert.equal(check?.status, 'fail');
    assert.match(check?.output ?? '', /no answer within 300 ms/);
    redis.thaw();
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      status = (await container.inject({ method: 'GET', url: '/readyz' })).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(status, 200);
  });

  test('a binding that is not loaded fails its check with Dapr’s text', async () => {
    const probes = new Container();
    probes.filter(healthProbes(probes, { checks: bindingChecks(runtime, ['nope']) }));
    const res = await probes.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.status, 503);
    assert.match(res.body, /couldn't find output binding nope/);
    await probes.close();
  });

  test('without names, one check covers every loaded binding', async () => {
    const probes = new Container();
    probes.filter(healthProbes(probes, { checks: bindingChecks(runtime) }));
    const res = await probes.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.status, 200);
    assert.ok(res.body.includes('"name":"bindings"'));
    await probes.close();
  });
});
