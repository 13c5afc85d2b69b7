import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { DaprHttpCore } from '../../src/components/api/dapr-http-core.js';
import { binding, provideBindings } from '../../src/components/binding-client.js';
import { defineBindingType } from '../../src/components/binding-component.js';
import { BindingError } from '../../src/components/binding-error.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { defineMetadata } from '../../src/components/metadata-fields.js';
import { Container, WebService } from '../../src/service/index.js';
import { PrivateRedis } from '../support/private-redis.js';
import { serviceSkip } from '../support/services.js';
import { captureLogger, silentLogger, uniqueKey } from './support.js';

const encoder = new TextEncoder();

/** A component that never answers and records whether its signal told it to stop. */
const stuckSeen: { aborted: boolean; reason: unknown }[] = [];
const stuckBinding = defineBindingType({
  type: 'bindings.stuck',
  description: 'Never answers',
  operations: ['wait'],
  metadata: defineMetadata({}),
  create: () => ({
    async init() {},
    operations: () => ['wait'] as const,
    invoke: (request) =>
      new Promise<null>(() => {
        const seen = { aborted: false, reason: undefined as unknown };
        stuckSeen.push(seen);
        request.signal.addEventListener('abort', () => {
          seen.aborted = true;
          seen.reason = request.signal.reason;
        });
      }),
    async close() {},
  }),
});

describe('the runtime deadline', () => {
  test('a component without its own limit gets callTimeout; its signal aborts at the deadline', async () => {
    const log = captureLogger();
    const runtime = new BindingsRuntime({ types: [stuckBinding], logger: log.logger, callTimeout: 100 });
    runtime.add({ name: 'stuck', type: 'bindings.stuck', metadata: {} });
    await runtime.start();
    const started = Date.now();
    const error = await runtime.invoke('stuck', 'wait').then(
      () => assert.fail('a stuck call must fail'),
      (e: unknown) => e,
    );
    assert.ok(Date.now() - started >= 95, 'not before the deadline');
    assert.ok(error instanceof BindingError);
    assert.equal(error.reason, 'timeout');
    assert.equal(error.status, 504);
    assert.equal(error.code, 'BND_ERR_BINDING_TIMEOUT');
    assert.equal(error.message, 'context deadline exceeded');
    assert.equal(stuckSeen.at(-1)?.aborted, true, 'the component was told to stop');
    const warning = log.lines.find((l) => l.msg === 'output binding stuck wait: context deadline exceeded');
    assert.equal(warning?.timeoutMs, 100);
    await runtime.close();
  });

  test('a caller signal cancels the call: context canceled', async () => {
    const runtime = new BindingsRuntime({ types: [stuckBinding], logger: silentLogger() });
    runtime.add({ name: 'stuck', type: 'bindings.stuck', metadata: {} });
    await runtime.start();
    const controller = new AbortController();
    const call = runtime.send('stuck', {
      operation: 'wait',
      data: new Uint8Array(),
      metadata: {},
      signal: controller.signal,
    });
    controller.abort();
    await assert.rejects(call, { reason: 'canceled', message: 'context canceled' });
    assert.equal(stuckSeen.at(-1)?.aborted, true);
    await runtime.close();
  });

  test("answers 504 problem in a route and Dapr's 500 shape on the Dapr API", async () => {
    const runtime = new BindingsRuntime({ types: [stuckBinding], logger: silentLogger(), callTimeout: 50 });
    runtime.add({ name: 'stuck', type: 'bindings.stuck', metadata: {} });
    await runtime.start();
    const ws = new WebService('/deadline');
    ws.post('/')
      .inject({ stuck: binding<'wait'>('stuck') })
      .to(async (_input, { stuck }) => stuck.invoke('wait'));
    const container = new Container({ logger: false }).add(ws);
    provideBindings(container, runtime);
    const answer = await container.inject({ method: 'POST', url: '/deadline/' });
    assert.equal(answer.status, 504);
    assert.equal(answer.headers['content-type'], 'application/problem+json');
    const problem = answer.json() as { code: string; detail: string };
    assert.equal(problem.code, 'BND_ERR_BINDING_TIMEOUT');
    assert.equal(problem.detail, 'context deadline exceeded');

    const core = new DaprHttpCore(runtime, { apiToken: '' });
    const dapr = await core.handleInvoke('stuck', encoder.encode('{"operation":"wait"}'), {});
    assert.equal(dapr.status, 500);
    assert.deepEqual(JSON.parse(String(dapr.body)), {
      errorCode: 'ERR_INVOKE_OUTPUT_BINDING',
      message: 'error invoking output binding stuck: context deadline exceeded',
    });
    await container.close();
    await runtime.close();
  });
});

describe('bindings.http responseTimeout', () => {
  let server: Server;
  let base = '';
  let requestClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    requestClosed = resolve;
  });
  before(async () => {
    // Never answers; notes when the client gives up on the request.
    server = createServer((req, res) => {
      res.on('close', () => requestClosed());
      req.resume();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('the call fails at responseTimeout and the request is aborted on the wire', async () => {
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({ name: 'slow', type: 'bindings.http', metadata: { url: base, responseTimeout: '500ms' } });
    await runtime.start();
    await assert.rejects(runtime.invoke('slow', 'get'), {
      reason: 'timeout',
      message: 'context deadline exceeded',
    });
    // The server sees its request closed by the client: the exchange stopped, not just abandoned.
    await closed;
    await runtime.close();
  });
});

const redisSkip = await PrivateRedis.skip();

describe('bindings.redis against a frozen server (SIGSTOP)', { skip: redisSkip }, () => {
  let redis: PrivateRedis;
  let runtime: BindingsRuntime;
  before(async () => {
    redis = (await PrivateRedis.start())!;
    runtime = new BindingsRuntime({ logger: silentLogger() });
    // Exactly what a Dapr user writes: go-redis's read and write timeouts.
    runtime.add({
      name: 'cache',
      type: 'bindings.redis',
      metadata: { redisHost: redis.host, readTimeout: '300ms', writeTimeout: '100ms' },
    });
    await runtime.start();
  });
  after(async () => {
    redis.thaw();
    await runtime.close();
    await redis.stop();
  });

  test('the call fails at writeTimeout + readTimeout, the wedged command is dropped, and the server is used again once thawed', async () => {
    const key = uniqueKey('bindery-frozen');
    await runtime.invoke('cache', 'create', 'before', { key });
    redis.freeze();
    const started = Date.now();
    await assert.rejects(runtime.invoke('cache', 'increment', undefined, { key: `${key}:n` }), {
      reason: 'timeout',
      message: 'context deadline exceeded',
    });
    assert.ok(Date.now() - started >= 395, 'not before the deadline');
    // The connection that carried the unanswered command was dropped: calls made while the
    // server is still frozen fail by themselves (deadline or no connection), never queue.
    await assert.rejects(runtime.invoke('cache', 'get', undefined, { key }), BindingError);
    redis.thaw();
    let value: string | undefined;
    for (let i = 0; i < 50 && value === undefined; i++) {
      value = await runtime.invoke('cache', 'get', undefined, { key }).then(
        (r) => r.text(),
        () => new Promise<undefined>((r) => setTimeout(() => r(undefined), 100)),
      );
    }
    assert.equal(value, 'before');
    // Only one connection is open: the wedged one was closed, not left hanging beside the new one.
    const admin = new Redis({ host: '127.0.0.1', port: redis.port });
    const clients = String(await admin.call('CLIENT', 'LIST'))
      .trim()
      .split('\n');
    admin.disconnect();
    assert.equal(clients.length, 2, clients.join('\n'));
  });
});

describe('bindings.redis against a killed server', { skip: redisSkip }, () => {
  test('calls fail at once while it is down; a timed-out command is never replayed after the restart', async () => {
    const redis = (await PrivateRedis.start())!;
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({
      name: 'cache',
      type: 'bindings.redis',
      metadata: { redisHost: redis.host, readTimeout: '300ms' },
    });
    await runtime.start();
    try {
      const key = uniqueKey('bindery-killed');
      redis.freeze();
      // Sent to the frozen server, then the server dies with it unread.
      await assert.rejects(runtime.invoke('cache', 'increment', undefined, { key }), { reason: 'timeout' });
      await redis.kill();
      await assert.rejects(
        runtime.invoke('cache', 'increment', undefined, { key }),
        (error: BindingError) => {
          assert.equal(error.reason, 'component');
          assert.match(error.message, /^redis binding: no connection to redis at 127\.0\.0\.1:\d+ \(\w+\)$/);
          return true;
        },
      );
      await redis.restart();
      let ok = false;
      for (let i = 0; i < 50 && !ok; i++) {
        ok = await runtime.invoke('cache', 'get', undefined, { key }).then(
          () => true,
          () => new Promise<boolean>((r) => setTimeout(() => r(false), 100)),
        );
      }
      assert.ok(ok, 'the restarted server is used again');
      const value = await runtime.invoke('cache', 'get', undefined, { key });
      assert.equal(value.text(), '', 'nothing was replayed on the new server');
    } finally {
      await runtime.close();
      await redis.stop();
    }
  });
});

const pgSkip = await serviceSkip('PostgreSQL', '127.0.0.1', 5432);

describe('bindings.postgresql timeout', { skip: pgSkip }, () => {
  test('a query past `timeout` fails and is cancelled on the server', async () => {
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({
      name: 'db',
      type: 'bindings.postgresql',
      metadata: { connectionString: 'postgres://postgres@127.0.0.1:5432/test', timeout: '300ms' },
    });
    await runtime.start();
    const marker = uniqueKey('bindery_deadline').replaceAll('-', '_');
    try {
      await assert.rejects(
        runtime.invoke('db', 'query', undefined, { sql: `SELECT pg_sleep(30) AS ${marker}` }),
        {
          reason: 'timeout',
          message: 'context deadline exceeded',
        },
      );
      // The server stops the query (pg_cancel_backend) instead of sleeping on for 30 s.
      let running = 1;
      for (let i = 0; i < 50 && running > 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const seen = await runtime.invoke('db', 'query', undefined, {
          sql: `SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%' || $1 || '%' AND pid <> pg_backend_pid()`,
          params: JSON.stringify([`AS ${marker}`]),
        });
        running = (seen.json() as number[][])[0]![0]!;
      }
      assert.equal(running, 0);
    } finally {
      await runtime.close();
    }
  });
});
