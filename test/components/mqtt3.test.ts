import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import mqtt from 'mqtt';
import { mqtt3Binding } from '../../src/components/bindings/mqtt3/index.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { FakeClock } from '../support/fake-clock.js';
import { serviceSkip } from '../support/services.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { conformance } from './conformance.js';
import { inputConformance } from './input-conformance.js';
import { silentLogger, uniqueKey } from './support.js';

const URL = 'tcp://127.0.0.1:1883';
const skip = await serviceSkip('Mosquitto', '127.0.0.1', 1883);

/** The test's own client, to publish and to watch topics. */
let client: mqtt.MqttClient | undefined;
async function publisher(): Promise<mqtt.MqttClient> {
  client ??= await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId: uniqueKey('bindery-test-pub') });
  return client;
}
after(async () => {
  await client?.endAsync();
});

async function publish(topic: string, payload: string): Promise<void> {
  await (await publisher()).publishAsync(topic, payload, { qos: 1 });
}

/** Ends a test's persistent session, so the broker forgets it. */
async function forgetSession(key: string): Promise<void> {
  const c = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId: `${key}-consumer`, clean: true });
  await c.endAsync();
}

conformance({
  type: mqtt3Binding,
  skip,
  metadata: () => ({ url: URL, topic: uniqueKey('bindery/conf'), consumerID: uniqueKey('bindery-conf') }),
  scenarios: (key) => [
    {
      name: 'create publishes to the component topic or the request topic',
      steps: [
        { operation: 'create', data: { a: 1 }, expect: { nothing: true } },
        {
          operation: 'create',
          data: { b: 2 },
          metadata: { topic: `bindery/${key}/other` },
          expect: { nothing: true },
        },
      ],
    },
  ],
});

const clock = new FakeClock();

inputConformance({
  type: mqtt3Binding,
  skip,
  clock,
  nudgeMs: 5000,
  metadata: (key) => ({ url: URL, topic: `bindery/${key}`, consumerID: key }),
  produce: (key, payload) => publish(`bindery/${key}`, payload),
  body: (payload) => payload,
  headers: (key) => ({ topic: `bindery/${key}` }),
  onRefusal: 'redelivered',
  keepsUnread: true,
  cleanup: forgetSession,
});

describe('bindings.mqtt3', { skip }, () => {
  test('create: the message reaches subscribers with QoS 1 and the retain flag', async () => {
    const topic = uniqueKey('bindery/retain');
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({
      name: 'out',
      type: 'bindings.mqtt',
      metadata: { url: URL, topic, consumerID: uniqueKey('bindery-out'), retain: 'true' },
    });
    await runtime.start();
    try {
      await runtime.invoke('out', 'create', 'kept');
      // A subscriber that comes later still gets it: the broker retained it.
      const watcher = await mqtt.connectAsync('mqtt://127.0.0.1:1883', {
        clientId: uniqueKey('bindery-watch'),
      });
      const got = new Promise<{ payload: string; retain: boolean; qos: number }>((resolve) =>
        watcher.on('message', (_t, payload, packet) =>
          resolve({ payload: payload.toString(), retain: packet.retain, qos: packet.qos }),
        ),
      );
      await watcher.subscribeAsync(topic, { qos: 1 });
      assert.deepEqual(await got, { payload: 'kept', retain: true, qos: 1 });
      await watcher.publishAsync(topic, '', { retain: true, qos: 1 });
      await watcher.endAsync();
    } finally {
      await runtime.close();
    }
  });

  test('fault: a broker unreachable at start-up fails input start-up clearly; output fails its call and recovers', async () => {
    const proxy = new TcpProxy('127.0.0.1', 1883);
    const port = await proxy.start();
    await proxy.stop();
    const key = uniqueKey('bindery-down');
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({
      name: 'feed',
      type: 'bindings.mqtt3',
      metadata: { url: `tcp://user:secret@127.0.0.1:${port}`, topic: `bindery/${key}`, consumerID: key },
    });
    await runtime.start();
    const channel = {
      description: 'test',
      post: async () => ({ status: 200, body: new Uint8Array() }),
      options: async () => 200,
    };
    const error = await runtime.deliverTo(channel).catch((e: unknown) => e as Error);
    assert.ok(error instanceof Error);
    assert.match(
      error.message,
      /error reading from input binding feed .*failed to connect to tcp:\/\/user:\*\*\*@127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    );
    assert.doesNotMatch(error.message, /secret/);
    await assert.rejects(
      runtime.invoke('feed', 'create', 'x'),
      /failed to create producer connection: failed to connect/,
    );
    await proxy.start();
    await runtime.invoke('feed', 'create', 'x');
    await runtime.close();
    await proxy.stop();
  });

  test('fault: a connection lost mid-stream reconnects; the unacknowledged event and those sent meanwhile arrive', async () => {
    const key = uniqueKey('bindery-lost');
    const proxy = new TcpProxy('127.0.0.1', 1883);
    const port = await proxy.start();
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({
      name: 'feed',
      type: 'bindings.mqtt3',
      metadata: {
        url: `tcp://127.0.0.1:${port}`,
        topic: `bindery/${key}`,
        consumerID: key,
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
      await publish(`bindery/${key}`, 'first');
      await until(() => seen.length === 1);
      await proxy.stop(); // the acknowledgement of "first" cannot reach the broker
      release();
      await publish(`bindery/${key}`, 'second');
      await new Promise((r) => setTimeout(r, 300));
      await proxy.start();
      // The broker resends "first" unless the acknowledgement went out after the reconnect.
      await until(() => seen.includes('second'));
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual([...new Set(seen)].sort(), ['first', 'second']);
      assert.ok(seen.length <= 3);
    } finally {
      await runtime.close();
      await proxy.stop();
      await forgetSession(key);
    }
  });
});

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) assert.fail('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
