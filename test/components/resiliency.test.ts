import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { DaprGrpcServer } from '../../src/components/api/dapr-grpc-server.js';
import { DaprHttpCore } from '../../src/components/api/dapr-http-core.js';
import { daprHttpService } from '../../src/components/api/dapr-http-service.js';
import { binding, provideBindings } from '../../src/components/binding-client.js';
import { BindingError } from '../../src/components/binding-error.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { Container, WebService } from '../../src/service/index.js';
import { PrivateRedis } from '../support/private-redis.js';
import { captureLogger, tempDir, uniqueKey } from './support.js';

const encoder = new TextEncoder();

/**
 * A test server whose paths fail on purpose: `/flaky/<id>` answers 503 to its first two
 * requests and 200 after; `/missing` answers 404; `/broken` answers 500 until `healthy` is
 * set; `/slow…` answers after 2 s, and tells `gaveUp` whether the caller closed the request before
 * that. Every request is counted by path.
 */
let server: Server;
let base = '';
const hits = new Map<string, number>();
let healthy = false;
const slowClosed = new Map<string, (droppedEarly: boolean) => void>();
/** Whether the caller dropped the request for `path` before its answer: true, or false once answered. */
function gaveUp(path: string): Promise<boolean> {
  return new Promise((resolve) => slowClosed.set(path, resolve));
}

before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    req.resume();
    if (path.startsWith('/flaky/')) {
      res.statusCode = n <= 2 ? 503 : 200;
      return void res.end(n <= 2 ? 'busy' : 'done');
    }
    if (path === '/missing') {
      res.statusCode = 404;
      return void res.end('no such thing');
    }
    if (path === '/broken') {
      res.statusCode = healthy ? 200 : 500;
      return void res.end(healthy ? 'fine' : 'broken');
    }
    if (path.startsWith('/slow')) {
      res.on('close', () => {
        slowClosed.get(path)?.(!res.writableFinished);
      });
      return void setTimeout(() => res.end('late'), 2000).unref();
    }
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A resources folder holding the component and the Resiliency document, as a Dapr user writes them. */
async function resources(resiliencyYaml: string, components: string): Promise<string> {
  const dir = await tempDir('bindery-resiliency-');
  await writeFile(join(dir, 'components.yaml'), components);
  await writeFile(join(dir, 'resiliency.yaml'), resiliencyYaml);
  return dir;
}

function httpComponent(name: string, url: string, extra = ''): string {
  return `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: bindings.http
  version: v1
  metadata:
    - name: url
      value: ${url}${extra}
`;
}

describe('retries with matching (an endpoint that fails twice, then succeeds)', () => {
  const policy = `apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata:
  name: orders-resiliency
spec:
  policies:
    retries:
      retry5xx:
        policy: constant
        duration: 20ms
        maxRetries: 3
        matching:
          httpStatusCodes: "429,500-599"
  targets:
    components:
      api:
        outbound:
          retry: retry5xx
`;
  let runtime: BindingsRuntime;
  let log: ReturnType<typeof captureLogger>;
  before(async () => {
    log = captureLogger();
    runtime = new BindingsRuntime({
      resourcesPaths: [await resources(policy, httpComponent('api', base))],
      logger: log.logger,
    });
    await runtime.start();
  });
  after(() => runtime.close());

  test('a 503 is retried until the endpoint answers', async () => {
    const path = `/flaky/${uniqueKey()}`;
    const result = await runtime.invoke('api', 'get', undefined, { path });
    assert.equal(result.text(), 'done');
    assert.equal(hits.get(path), 3);
    assert.ok(log.text().includes('recovered processing operation component[api] output after 3 attempts'));
  });

  test('a 404 is not in matching: one attempt, the error as it came', async () => {
    hits.delete('/missing');
    await assert.rejects(runtime.invoke('api', 'get', undefined, { path: '/missing' }), {
      message: 'received status code 404',
    });
    assert.equal(hits.get('/missing'), 1);
  });

  test('exhausted retries fail with the last error, are logged and show in the metadata endpoint', async () => {
    healthy = false;
    hits.delete('/broken');
    await assert.rejects(runtime.invoke('api', 'get', undefined, { path: '/broken' }), {
      message: 'received status code 500',
    });
    assert.equal(hits.get('/broken'), 4, 'the first attempt and 3 retries');
    assert.ok(log.text().includes('retries exhausted for operation component[api] output after 4 attempts'));
    const core = new DaprHttpCore(runtime, { apiToken: '' });
    const metadata = JSON.parse(String(core.handleMetadata().body)) as {
      resiliency: {
        documents: string[];
        retries: { target: string; exhausted: number; lastError: string }[];
      };
    };
    assert.deepEqual(metadata.resiliency.documents, ['orders-resiliency']);
    assert.equal(metadata.resiliency.retries[0]?.target, 'component[api] output');
    assert.equal(metadata.resiliency.retries[0]?.exhausted, 1);
    assert.equal(metadata.resiliency.retries[0]?.lastError, 'received status code 500');
  });
});

/** Dapr's gRPC API on port 0 and a client for its InvokeBinding, as a Dapr SDK would call it. */
async function grpcInvoker(runtime: BindingsRuntime) {
  const server = new DaprGrpcServer(runtime, { apiToken: '' });
  const port = await server.listen(0);
  const proto = fileURLToPath(new URL('./dapr.proto', import.meta.url));
  const definition = grpc.loadPackageDefinition(
    protoLoader.loadSync(proto, { keepCase: true, defaults: true }),
  ) as unknown as { dapr: { proto: { runtime: { v1: { Dapr: grpc.ServiceClientConstructor } } } } };
  const client = new definition.dapr.proto.runtime.v1.Dapr(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  );
  const invoke = (request: { name: string; operation: string; metadata: Record<string, string> }) =>
    new Promise<grpc.ServiceError | null>((resolve) => {
      (client as unknown as Record<string, (...args: unknown[]) => void>).InvokeBinding!(
        request,
        new grpc.Metadata(),
        (error: grpc.ServiceError | null) => resolve(error),
      );
    });
  const close = async () => {
    client.close();
    await server.close();
  };
  return { invoke, close };
}

describe('a timeout policy', () => {
  const policy = `apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata:
  name: fast
spec:
  policies:
    timeouts:
      general: 300ms
  targets:
    components:
      api:
        outbound:
          timeout: general
`;

  test('a call slower than the policy fails with context deadline exceeded; the request is aborted', async () => {
    const runtime = new BindingsRuntime({
      resourcesPaths: [await resources(policy, httpComponent('api', base))],
      logger: captureLogger().logger,
    });
    await runtime.start();
    const path = `/slow/${uniqueKey()}`;
    const dropped = gaveUp(path);
    const started = Date.now();
    await assert.rejects(runtime.invoke('api', 'get', undefined, { path }), {
      reason: 'timeout',
      status: 504,
      message: 'context deadline exceeded',
    });
    assert.ok(Date.now() - started >= 295, 'not before the deadline');
    assert.equal(await dropped, true, "the component's request was aborted, not left to run");
    await runtime.close();
  });

  test("a timed-out call answers 504 problem in a route, Dapr's shape on the Dapr HTTP and gRPC APIs", async () => {
    const runtime = new BindingsRuntime({
      resourcesPaths: [await resources(policy, httpComponent('api', base))],
      logger: captureLogger().logger,
    });
    await runtime.start();
    const ws = new WebService('/reports');
    ws.get('/')
      .inject({ api: binding<'get'>('api') })
      .to(async (_input, { api }) => (await api.invoke('get', undefined, { path: '/slow' })).text());
    const container = new Container({ logger: false })
      .add(ws)
      .add(daprHttpService(runtime, { apiToken: '' }));
    provideBindings(container, runtime);
    const grpcApi = await grpcInvoker(runtime);
    try {
      const inApp = await container.inject({ method: 'GET', url: '/reports/' });
      assert.equal(inApp.status, 504);
      assert.equal(inApp.headers['content-type'], 'application/problem+json');
      const problem = inApp.json() as { status: number; code: string; detail: string };
      assert.equal(problem.status, 504);
      assert.equal(problem.code, 'BND_ERR_BINDING_TIMEOUT');
      assert.equal(problem.detail, 'context deadline exceeded');

      const http = await container.inject({
        method: 'POST',
        url: '/v1.0/bindings/api',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ operation: 'get', metadata: { path: '/slow' } }),
      });
      assert.equal(http.status, 500);
      assert.deepEqual(http.json(), {
        errorCode: 'ERR_INVOKE_OUTPUT_BINDING',
        message: 'error invoking output binding api: context deadline exceeded',
      });

      const error = await grpcApi.invoke({ name: 'api', operation: 'get', metadata: { path: '/slow' } });
      assert.equal(error?.code, grpc.status.INTERNAL);
      assert.equal(error?.details, 'error invoking output binding api: context deadline exceeded');
    } finally {
      await grpcApi.close();
      await container.close();
      await runtime.close();
    }
  });
});

describe('a circuit breaker', () => {
  const policy = `apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata:
  name: guarded
spec:
  policies:
    circuitBreakers:
      simpleCB:
        maxRequests: 1
        timeout: 400ms
        trip: consecutiveFailures > 2
  targets:
    components:
      api:
        outbound:
          circuitBreaker: simpleCB
`;

  test('opens after the trip condition, answers at once while open, half-opens after its timeout and closes on success', async () => {
    const log = captureLogger();
    const runtime = new BindingsRuntime({
      resourcesPaths: [await resources(policy, httpComponent('api', base))],
      logger: log.logger,
    });
    await runtime.start();
    const core = new DaprHttpCore(runtime, { apiToken: '' });
    const breakerState = () =>
      (
        JSON.parse(String(core.handleMetadata().body)) as {
          resiliency: { circuitBreakers: { name: string; state: string }[] };
        }
      ).resiliency.circuitBreakers[0];
    healthy = false;
    hits.delete('/broken');
    for (let i = 0; i < 3; i++) {
      await assert.rejects(runtime.invoke('api', 'get', undefined, { path: '/broken' }), {
        message: 'received status code 500',
      });
    }
    assert.equal(breakerState()?.name, 'simpleCB-api');
    assert.equal(breakerState()?.state, 'open');
    assert.ok(log.text().includes('circuit breaker "simpleCB-api" changed state from closed to open'));

    // Open: refused without reaching the endpoint, with Dapr's text, 503 in the app.
    const refused = await runtime
      .invoke('api', 'get', undefined, { path: '/broken' })
      .catch((e: unknown) => e);
    assert.ok(refused instanceof BindingError);
    assert.equal(refused.message, 'circuit breaker is open');
    assert.equal(refused.reason, 'circuit-open');
    assert.equal(refused.status, 503);
    assert.equal(refused.code, 'BND_ERR_CIRCUIT_OPEN');
    assert.equal(hits.get('/broken'), 3);
    const dapr = await core.handleInvoke(
      'api',
      encoder.encode(JSON.stringify({ operation: 'get', metadata: { path: '/broken' } })),
      {},
    );
    assert.equal(dapr.status, 500);
    assert.deepEqual(JSON.parse(String(dapr.body)), {
      errorCode: 'ERR_INVOKE_OUTPUT_BINDING',
      message: 'error invoking output binding api: circuit breaker is open',
    });

    // After its timeout one probe goes through; it succeeds, so the breaker closes.
    await new Promise((r) => setTimeout(r, 450));
    assert.equal(breakerState()?.state, 'half-open');
    healthy = true;
    const probe = await runtime.invoke('api', 'get', undefined, { path: '/broken' });
    assert.equal(probe.text(), 'fine');
    assert.equal(breakerState()?.state, 'closed');
    assert.ok(log.text().includes('changed state from open to half-open'));
    assert.ok(log.text().includes('changed state from half-open to closed'));
    healthy = false;
    await runtime.close();
  });

  test('an open breaker answers 503 problem in a route', async () => {
    const runtime = new BindingsRuntime({
      resourcesPaths: [await resources(policy, httpComponent('api', base))],
      logger: captureLogger().logger,
    });
    await runtime.start();
    healthy = false;
    const ws = new WebService('/guarded');
    ws.get('/')
      .inject({ api: binding<'get'>('api') })
      .to(async (_input, { api }) => (await api.invoke('get', undefined, { path: '/broken' })).text());
    const container = new Container({ logger: false }).add(ws);
    provideBindings(container, runtime);
    for (let i = 0; i < 3; i++)
      assert.equal((await container.inject({ method: 'GET', url: '/guarded/' })).status, 502);
    const answer = await container.inject({ method: 'GET', url: '/guarded/' });
    assert.equal(answer.status, 503);
    const problem = answer.json() as { code: string; detail: string };
    assert.equal(problem.code, 'BND_ERR_CIRCUIT_OPEN');
    assert.equal(problem.detail, 'circuit breaker is open');
    await container.close();
    await runtime.close();
  });
});

const redisSkip = await PrivateRedis.skip();

describe('a timeout policy against a frozen Redis (SIGSTOP)', { skip: redisSkip }, () => {
  test('the policy timeout fires, not the component one, and the wedged command is dropped', async () => {
    const redis = (await PrivateRedis.start())!;
    const policy = `apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata:
  name: cache-resiliency
spec:
  policies:
    timeouts:
      quick: 250ms
  targets:
    components:
      cache:
        outbound:
          timeout: quick
`;
    const component = `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: cache
spec:
  type: bindings.redis
  version: v1
  metadata:
    - name: redisHost
      value: ${redis.host}
`;
    const log = captureLogger();
    const runtime = new BindingsRuntime({
      resourcesPaths: [await resources(policy, component)],
      logger: log.logger,
    });
    await runtime.start();
    try {
      const key = uniqueKey('bindery-policy');
      redis.freeze();
      const started = Date.now();
      await assert.rejects(runtime.invoke('cache', 'create', 'x', { key }), {
        reason: 'timeout',
        message: 'context deadline exceeded',
      });
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 245, 'not before the policy deadline');
      const warning = log.lines.find(
        (l) => l.msg === 'output binding cache create: context deadline exceeded',
      );
      assert.equal(warning?.deadline, 'the resiliency timeout of component[cache] output');
      assert.ok(
        log.text().includes('redis command outlived its deadline; reconnecting'),
        'the driver was told',
      );
    } finally {
      redis.thaw();
      await runtime.close();
      await redis.stop();
    }
  });
});
