import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { t } from '../../src/binding/index.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import type { AppChannel } from '../../src/components/input/app-channel.js';
import { bindingRoute } from '../../src/components/input/binding-route.js';
import { DEFAULT_MAX_IN_FLIGHT } from '../../src/components/input/input-bindings.js';
import { token, value } from '../../src/inject/index.js';
import { Container, WebService } from '../../src/service/index.js';
import { memoryQueueBinding, peakInFlight, queue } from './memory-queue.js';
import { captureLogger, tempDir, uniqueKey } from './support.js';

interface Posted {
  readonly path: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A channel that records what it is sent and answers from `status` (by path) and `probe`. */
function recordingChannel(probe: (path: string) => number, status: () => number = () => 200) {
  const posted: Posted[] = [];
  const probed: string[] = [];
  const channel: AppChannel = {
    description: 'test channel',
    async post(path, body, headers) {
      posted.push({ path, body: Buffer.from(body).toString(), headers: { ...headers } });
      return { status: status(), body: new TextEncoder().encode('{"ok":true}') };
    },
    async options(path) {
      probed.push(path);
      return probe(path);
    },
  };
  return { channel, posted, probed };
}

async function runtimeWith(components: Record<string, Record<string, string>>) {
  const log = captureLogger();
  const runtime = new BindingsRuntime({ logger: log.logger, types: [memoryQueueBinding] });
  for (const [name, metadata] of Object.entries(components))
    runtime.add({ name, type: 'bindings.memqueue', metadata });
  await runtime.start();
  return { runtime, log };
}

const until = async (check: () => boolean) => {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) assert.fail('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("daprd's start-up probe", () => {
  test('a 2xx or 405 to OPTIONS /<route> subscribes; anything else leaves the binding unread', async () => {
    const q = uniqueKey('q');
    const { runtime, log } = await runtimeWith({
      ok: { queue: `${q}-ok` },
      fine: { queue: `${q}-fine` },
      absent: { queue: `${q}-absent` },
      routed: { queue: `${q}-routed`, route: '/events/routed' },
    });
    const statuses: Record<string, number> = {
      '/ok': 204,
      '/fine': 405,
      '/absent': 404,
      '/events/routed': 200,
    };
    const { channel, posted, probed } = recordingChannel((path) => statuses[path] ?? 500);
    const names = await runtime.deliverTo(channel);
    assert.deepEqual(names.sort(), ['fine', 'ok', 'routed']);
    assert.deepEqual(probed.sort(), ['/absent', '/events/routed', '/fine', '/ok']);
    assert.match(log.text(), /app has not subscribed to binding absent\./);
    queue(`${q}-routed`).push('{"a":1}');
    queue(`${q}-absent`).push('{"b":2}');
    await until(() => posted.length === 1);
    assert.equal(posted[0]!.path, '/events/routed');
    assert.equal(queue(`${q}-absent`).items.length, 1);
    await runtime.close();
  });

  test('direction: input means the app listens: no probe', async () => {
    const q = uniqueKey('q');
    const { runtime } = await runtimeWith({ jobs: { queue: q, direction: 'input' } });
    const { channel, probed } = recordingChannel(() => 404);
    assert.deepEqual(await runtime.deliverTo(channel), ['jobs']);
    assert.deepEqual(probed, []);
    await runtime.close();
  });

  test("a probe that cannot reach the app fails with daprd's text", async () => {
    const { runtime } = await runtimeWith({ jobs: { queue: uniqueKey('q') } });
    const channel: AppChannel = {
      description: 'nowhere',
      post: () => Promise.reject(new Error('unused')),
      options: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')),
    };
    await assert.rejects(runtime.deliverTo(channel), {
      message:
        'could not invoke OPTIONS method on input binding subscription endpoint "/jobs" of binding jobs: connect ECONNREFUSED 127.0.0.1:1',
    });
    await runtime.close();
  });
});

describe('delivery', () => {
  test('metadata becomes headers (UTF-8 bytes); names and values that cannot be headers are left out', async () => {
    const q = uniqueKey('q');
    const { runtime } = await runtimeWith({ jobs: { queue: q } });
    const { channel, posted } = recordingChannel(() => 200);
    await runtime.deliverTo(channel);
    queue(q).push('"x"', {
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      city: 'Zürich',
      'bad name': 'x',
      broken: 'a\r\nb',
      'content-length': '999',
    });
    await until(() => posted.length === 1);
    const headers = posted[0]!.headers;
    assert.equal(headers['content-type'], 'application/json');
    // The event's trace continues: same trace, the delivery's own span.
    assert.match(headers.traceparent ?? '', /^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    assert.equal(Buffer.from(headers.city!, 'latin1').toString(), 'Zürich');
    assert.deepEqual(Object.keys(headers).sort(), ['city', 'content-type', 'traceparent']);
    await runtime.close();
  });

  test('a refusal reads like daprd; the queue gets the event back', async () => {
    const q = uniqueKey('q');
    const { runtime } = await runtimeWith({ jobs: { queue: q, direction: 'input' } });
    let answer = 500;
    const { channel, posted } = recordingChannel(
      () => 200,
      () => answer,
    );
    await runtime.deliverTo(channel);
    await assert.rejects(runtime.deliver('jobs', { id: 1 }), {
      message: 'fails to send binding event to http app channel, status code: 500 body: {"ok":true}',
    });
    queue(q).push('"again"');
    await until(() => posted.length >= 3);
    answer = 200;
    await until(() => queue(q).items.length === 0 && posted.at(-1)!.body === '"again"');
    await runtime.close();
  });

  test('at most maxInFlight events per binding are in flight (default 32)', async () => {
    const q = uniqueKey('q');
    const { runtime } = await runtimeWith({
      slow: { queue: q, direction: 'input' },
      other: { queue: `${q}-o` },
    });
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let active = 0;
    let peak = 0;
    const channel: AppChannel = {
      description: 'slow app',
      async post() {
        active++;
        peak = Math.max(peak, active);
        await gate;
        active--;
        return { status: 200, body: new Uint8Array() };
      },
      options: async () => 404,
    };
    await runtime.deliverTo(channel, { maxInFlight: { slow: 3 } });
    for (let i = 0; i < 20; i++) queue(q).push(String(i));
    await until(() => active === 3);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(peak, 3);
    assert.equal(peakInFlight.get(q), 3, 'the component was asked for no more than the limit');
    assert.equal(queue(q).items.length, 17, 'the rest waits in the queue, not in memory');
    release();
    await until(() => queue(q).items.length === 0 && active === 0);
    assert.equal(peak, 3);
    assert.equal(DEFAULT_MAX_IN_FLIGHT, 32);
    await runtime.close();
  });

  test("every delivery runs under the binding's inbound resiliency policy", async () => {
    const q = uniqueKey('q');
    const dir = await tempDir();
    await writeFile(
      join(dir, 'resiliency.yaml'),
      `apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata:
  name: inbound-retry
spec:
  policies:
    retries:
      once:
        policy: constant
        duration: 10ms
        maxRetries: 1
  targets:
    components:
      jobs:
        inbound:
          retry: once
`,
    );
    const runtime = new BindingsRuntime({
      logger: captureLogger().logger,
      types: [memoryQueueBinding],
      resourcesPaths: [dir],
    });
    runtime.add({ name: 'jobs', type: 'bindings.memqueue', metadata: { queue: q, direction: 'input' } });
    await runtime.start();
    // The app refuses the first attempt; the policy's retry delivers it again at once.
    const answers = [503, 200];
    const { channel, posted } = recordingChannel(
      () => 200,
      () => answers.shift() ?? 200,
    );
    await runtime.deliverTo(channel);
    queue(q).push('"p"');
    await until(() => posted.length === 2 && queue(q).items.length === 0);
    assert.equal(queue(q).items.length, 0, 'the queue never saw a refusal');
    await runtime.close();
  });
});

describe('in process, through the container', () => {
  const OrderEvent = t.Object({ id: t.Integer({ minimum: 1 }), item: t.String() });
  const Store = token<string[]>('store');

  async function app(q: string) {
    const { runtime, log } = await runtimeWith({ orders: { queue: q } });
    const container = new Container({ logger: log.logger });
    const stored: string[] = [];
    container.provide(Store, value(stored));
    const ws = new WebService('/');
    bindingRoute(ws, 'orders')
      .bind({ body: OrderEvent, headers: t.Object({ source: t.Optional(t.String()) }) })
      .inject({ store: Store })
      .to(({ body, headers }, { store }) => {
        store.push(`${body.id}:${body.item}:${headers.source ?? '-'}`);
        return { stored: body.id };
      });
    container.add(ws);
    container.onClose(() => runtime.close());
    await container.ready();
    await runtime.deliverTo(container);
    return { runtime, container, stored, log };
  }

  test('a typed handler gets the data bound and validated, with dependencies injected', async () => {
    const q = uniqueKey('q');
    const { container, stored } = await app(q);
    queue(q).push('{"id":7,"item":"book"}', { source: 'shop' });
    await until(() => stored.length === 1);
    assert.deepEqual(stored, ['7:book:shop']);
    await container.close();
  });

  test('an event that fails validation is refused (and so redelivered) and logged with its problems', async () => {
    const q = uniqueKey('q');
    const { container, stored, log } = await app(q);
    queue(q).push('{"id":0}');
    await until(() => log.lines.filter((l) => /input binding orders: event refused/.test(l.msg)).length >= 2);
    const line = log.lines.find((l) => /input binding orders: event refused/.test(l.msg))!;
    assert.equal(line.status, 400);
    assert.deepEqual((line.problems as { name: string }[]).map((p) => p.name).sort(), ['/id', '/item']);
    assert.deepEqual(stored, []);
    await container.close();
    await until(() => queue(q).items.length === 1);
    assert.ok(queue(q).items[0]!.deliveries >= 2, 'the refused event was delivered again');
  });

  test('closing the container stops the binding first and lets the event in flight finish', async () => {
    const q = uniqueKey('q');
    const { runtime, log } = await runtimeWith({ jobs: { queue: q } });
    const container = new Container({ logger: log.logger });
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const done: string[] = [];
    const ws = new WebService('/');
    bindingRoute(ws, 'jobs')
      .bind({ body: t.String() })
      .to(async ({ body }) => {
        await gate;
        done.push(body);
      });
    container.add(ws);
    container.onClose(() => runtime.close());
    await runtime.deliverTo(container);
    queue(q).push('"first"');
    await until(() => queue(q).items.length === 0);
    const closing = container.close();
    queue(q).push('"second"');
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(done, []);
    release();
    await closing;
    assert.deepEqual(done, ['first']);
    assert.equal(queue(q).items.length, 1, 'the event that came during close stays in the queue');
  });

  test('bindingRoute refuses a route outside its service', () => {
    assert.throws(() => bindingRoute(new WebService('/api'), 'orders'), {
      message: 'input binding orders delivers to /orders, which is outside web service /api',
    });
    const builder = bindingRoute(new WebService('/events'), 'orders', { route: '/events/orders' });
    assert.ok(builder);
  });
});
