import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import amqp from 'amqplib';
import { t } from '../../src/binding/index.js';
import { rabbitmqBinding } from '../../src/components/bindings/rabbitmq/index.js';
import { BindingsRuntime, ComponentLoadError } from '../../src/components/bindings-runtime.js';
import { Container, WebService } from '../../src/service/index.js';
import { serviceSkip } from '../support/services.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { conformance } from './conformance.js';
import { inputConformance } from './input-conformance.js';
import { silentLogger, uniqueKey } from './support.js';

const HOST = 'amqp://guest:guest@127.0.0.1:5672';
const skip = await serviceSkip('RabbitMQ', '127.0.0.1', 5672);

/** A plain client of the test's own, to publish, inspect and delete its queues. */
let client: amqp.ChannelModel | undefined;
async function channel(): Promise<amqp.ConfirmChannel> {
  client ??= await amqp.connect(HOST, { clientProperties: { connection_name: 'bindery rabbitmq tests' } });
  return client.createConfirmChannel();
}
after(async () => {
  await client?.close();
});

async function publish(queue: string, body: string, headers: Record<string, string> = {}): Promise<void> {
  const ch = await channel();
  await ch.assertQueue(queue, { durable: false, autoDelete: false, exclusive: false, arguments: {} });
  ch.sendToQueue(queue, Buffer.from(body), { headers });
  await ch.waitForConfirms();
  await ch.close();
}

async function drain(queue: string): Promise<amqp.GetMessage[]> {
  const ch = await channel();
  const got: amqp.GetMessage[] = [];
  for (;;) {
    const message = await ch.get(queue, { noAck: true });
    if (message === false) break;
    got.push(message);
  }
  await ch.close();
  return got;
}

async function deleteQueue(queue: string): Promise<void> {
  const ch = await channel();
  await ch.deleteQueue(queue);
  await ch.close();
}

conformance({
  type: rabbitmqBinding,
  skip,
  metadata: () => ({ host: HOST, queueName: uniqueKey('bindery-conf') }),
  scenarios: () => [
    {
      name: "create publishes; bad ttl and priority are refused with Dapr's texts",
      steps: [
        { operation: 'create', data: { a: 1 }, expect: { nothing: true } },
        {
          operation: 'create',
          metadata: { ttlInSeconds: 'soon' },
          expect: { error: "ttl value must be a valid integer: actual is 'soon'" },
        },
        {
          operation: 'create',
          metadata: { priority: 'high' },
          expect: { error: "priority value must be a valid integer: actual is 'high'" },
        },
      ],
    },
  ],
});

inputConformance({
  type: rabbitmqBinding,
  skip,
  metadata: (key) => ({ host: HOST, queueName: key }),
  produce: (key, payload) => publish(key, payload, { source: 'tests', 'x trace': 'a b' }),
  body: (payload) => payload,
  headers: () => ({ source: 'tests', 'x+trace': 'a b' }),
  onRefusal: 'redelivered',
  keepsUnread: true,
  cleanup: deleteQueue,
});

describe('bindings.rabbitmq', { skip }, () => {
  test('create: the message carries the properties and headers of the request metadata', async () => {
    const queue = uniqueKey('bindery-props');
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({
      name: 'out',
      type: 'bindings.rabbitmq',
      metadata: { host: HOST, queueName: queue, maxPriority: '5', direction: 'output' },
    });
    await runtime.start();
    try {
      await runtime.invoke('out', 'create', 'hello', {
        ttlInSeconds: '60',
        priority: '3',
        contentType: 'application/json',
        messageID: 'm-1',
        correlationID: 'c-1',
        type: 'order.placed',
        tenant: 'acme',
      });
      const [message] = await drain(queue);
      assert.ok(message);
      assert.equal(message.content.toString(), 'hello');
      const p = message.properties;
      assert.equal(p.expiration, '60000');
      assert.equal(p.priority, 3);
      assert.equal(p.contentType, 'application/json');
      assert.equal(p.messageId, 'm-1');
      assert.equal(p.correlationId, 'c-1');
      assert.equal(p.type, 'order.placed');
      assert.equal(p.deliveryMode, 2);
      assert.equal(p.headers?.tenant, 'acme');
    } finally {
      await runtime.close();
      await deleteQueue(queue);
    }
  });

  test('fault: a broker unreachable at start-up fails start-up with a clear error', async () => {
    const proxy = new TcpProxy('127.0.0.1', 5672);
    const port = await proxy.start();
    await proxy.stop();
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({
      name: 'jobs',
      type: 'bindings.rabbitmq',
      metadata: { host: `amqp://guest:secret@127.0.0.1:${port}`, queueName: 'x' },
    });
    const error = await runtime.start().catch((e: unknown) => e);
    assert.ok(error instanceof ComponentLoadError);
    assert.match(
      error.message,
      new RegExp(
        `component "jobs" \\(bindings\\.rabbitmq\\).*init failed: rabbitmq binding: cannot connect to amqp://guest:\\*\\*\\*@127\\.0\\.0\\.1:${port}.*ECONNREFUSED`,
      ),
    );
    assert.doesNotMatch(error.message, /secret/);
  });

  test('fault: a connection lost mid-stream is remade; the unacknowledged event comes again, none is lost', async () => {
    const queue = uniqueKey('bindery-fault');
    const proxy = new TcpProxy('127.0.0.1', 5672);
    const port = await proxy.start();
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({
      name: 'jobs',
      type: 'bindings.rabbitmq',
      metadata: {
        host: `amqp://guest:guest@127.0.0.1:${port}`,
        queueName: queue,
        reconnectWaitInSeconds: '200ms',
        direction: 'input',
      },
    });
    await runtime.start();
    const seen: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    await runtime.deliverTo({
      description: 'test app',
      async post(_path, body) {
        const text = Buffer.from(body).toString();
        seen.push(text);
        if (text === 'first' && seen.length === 1) await gate;
        return { status: 200, body: new Uint8Array() };
      },
      options: async () => 200,
    });
    try {
      await publish(queue, 'first');
      await until(() => seen.length === 1);
      proxy.cut(); // the event is in flight: its ack can no longer reach the broker
      await proxy.stop();
      await publish(queue, 'second');
      release();
      await new Promise((r) => setTimeout(r, 300));
      await proxy.start();
      await until(() => seen.includes('second') && seen.filter((s) => s === 'first').length === 2);
      assert.deepEqual([...seen].sort(), ['first', 'first', 'second']);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal((await drain(queue)).length, 0);
    } finally {
      await runtime.close();
      await proxy.stop();
      await deleteQueue(queue);
    }
  });

  test('scale-out: two apps on one queue share the work, no event handled twice', async () => {
    const queue = uniqueKey('bindery-scale');
    const apps = await Promise.all([0, 1].map(() => consumerApp(queue)));
    try {
      const count = 40;
      for (let i = 0; i < count; i++) await publish(queue, `{"n":${i}}`);
      await until(() => apps[0]!.handled.length + apps[1]!.handled.length >= count);
      await new Promise((r) => setTimeout(r, 300));
      const all = [...apps[0]!.handled, ...apps[1]!.handled].sort((a, b) => a - b);
      assert.deepEqual(
        all,
        Array.from({ length: count }, (_, i) => i),
        'every event once',
      );
      assert.ok(apps[0]!.handled.length > 0 && apps[1]!.handled.length > 0, 'both apps took work');
    } finally {
      for (const app of apps) await app.container.close();
      await deleteQueue(queue);
    }
  });
});

async function consumerApp(queue: string) {
  const runtime = new BindingsRuntime({ logger: silentLogger() });
  runtime.add({ name: 'orders', type: 'bindings.rabbitmq', metadata: { host: HOST, queueName: queue } });
  await runtime.start();
  const container = new Container({ logger: false });
  const handled: number[] = [];
  const ws = new WebService('/');
  ws.post('/orders')
    .bind({ body: t.Object({ n: t.Integer() }) })
    .to(async ({ body }) => {
      await new Promise((r) => setTimeout(r, 5));
      handled.push(body.n);
    });
  container.add(ws);
  container.onClose(() => runtime.close());
  await runtime.deliverTo(container, { maxInFlight: 2 });
  return { container, handled };
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) assert.fail('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
