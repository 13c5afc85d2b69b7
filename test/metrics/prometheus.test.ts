import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  BindingsRuntime,
  Container,
  embeddedLocalStorage,
  prometheusMetrics,
  WebService,
} from '../../src/index.js';
import { memoryQueueBinding } from '../components/memory-queue.js';
import { silentLogger, tempDir, uniqueKey } from '../components/support.js';

/** The value of one sample line of the exposition, or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf('}'));
    const parts = inside.split(',');
    if (wanted.every((w) => parts.includes(w)) && parts.length === wanted.length) {
      return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return undefined;
}

test('requests are counted and timed by method, route template and status', async () => {
  const metrics = await prometheusMetrics({ processMetrics: false });
  const ws = new WebService('/items');
  ws.get('/{id:int}').to(({ path }) => ({ id: path.id }));
  ws.post('/').to(() => {
    throw new Error('boom');
  });
  const container = new Container().filter(metrics.filter).add(ws);
  await container.inject({ method: 'GET', url: '/items/1' });
  await container.inject({ method: 'GET', url: '/items/2' });
  await container.inject({ method: 'GET', url: '/items/x' });
  await container.inject({ method: 'POST', url: '/items/' });
  await container.inject({ method: 'GET', url: '/nowhere/at/all' });

  const res = await container.inject({ method: 'GET', url: '/metrics' });
  assert.equal(res.status, 200);
  assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  const text = res.body;
  const route = '/items/{id:int}';
  assert.equal(sample(text, 'http_requests_total', { method: 'GET', route, status: '200' }), 2);
  assert.equal(
    sample(text, 'http_request_duration_seconds_count', { method: 'GET', route, status: '200' }),
    2,
  );
  assert.equal(sample(text, 'http_requests_total', { method: 'POST', route: '/items', status: '500' }), 1);
  // Unmatched paths share one label value, whatever the path.
  assert.equal(sample(text, 'http_requests_total', { method: 'GET', route: 'unmatched', status: '404' }), 2);
  assert.match(text, /^http_requests_in_flight 0$/m);
  // The exposition's own request is not counted.
  assert.doesNotMatch(text, /route="\/metrics"/);
  await container.close();
});

test('process metrics, a prefix and default labels are options', async () => {
  const metrics = await prometheusMetrics({ prefix: 'orders_', defaultLabels: { service: 'orders' } });
  const container = new Container().filter(metrics.filter);
  await container.inject({ method: 'GET', url: '/x' });
  const text = await metrics.text();
  assert.match(
    text,
    /^orders_http_requests_total\{method="GET",route="unmatched",status="404",service="orders"\} 1$/m,
  );
  assert.match(text, /^process_cpu_user_seconds_total\{service="orders"\}/m);
  await container.close();
});

test('the exposition path can move or be left out', async () => {
  const moved = await prometheusMetrics({ processMetrics: false, path: '/internal/metrics' });
  const a = new Container().filter(moved.filter);
  assert.equal((await a.inject({ method: 'GET', url: '/internal/metrics' })).status, 200);
  assert.equal((await a.inject({ method: 'GET', url: '/metrics' })).status, 404);
  const none = await prometheusMetrics({ processMetrics: false, path: false });
  const b = new Container().filter(none.filter);
  assert.equal((await b.inject({ method: 'GET', url: '/metrics' })).status, 404);
  await a.close();
  await b.close();
});

test('binding calls are counted by binding, operation and outcome', async () => {
  const metrics = await prometheusMetrics({ processMetrics: false });
  const runtime = metrics.watch(new BindingsRuntime({ logger: silentLogger() }));
  runtime.add(embeddedLocalStorage('files', await tempDir()));
  await runtime.start();
  await runtime.invoke('files', 'create', 'a', { fileName: 'a.txt' });
  await runtime.invoke('files', 'get', undefined, { fileName: 'a.txt' });
  await assert.rejects(runtime.invoke('files', 'get', undefined, { fileName: 'missing.txt' }));
  await assert.rejects(runtime.invoke('files', 'rename'));
  await assert.rejects(runtime.invoke('nope', 'get'));
  const text = await metrics.text();
  const calls = 'bindery_binding_calls_total';
  assert.equal(sample(text, calls, { binding: 'files', operation: 'create', outcome: 'success' }), 1);
  assert.equal(sample(text, calls, { binding: 'files', operation: 'get', outcome: 'success' }), 1);
  assert.equal(sample(text, calls, { binding: 'files', operation: 'get', outcome: 'component' }), 1);
  assert.equal(
    sample(text, calls, { binding: 'files', operation: 'rename', outcome: 'unsupported-operation' }),
    1,
  );
  assert.equal(sample(text, calls, { binding: 'nope', operation: 'get', outcome: 'not-found' }), 1);
  assert.equal(
    sample(text, 'bindery_binding_call_duration_seconds_count', {
      binding: 'files',
      operation: 'create',
      outcome: 'success',
    }),
    1,
  );
  await runtime.close();
});

test('circuit breaker states are read at each scrape', async () => {
  const dir = await tempDir();
  const files = join(dir, 'files');
  await writeFile(
    join(dir, 'components.yaml'),
    `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: files
spec:
  type: bindings.localstorage
  version: v1
  metadata:
    - name: rootPath
      value: ${files}
`,
  );
  await writeFile(
    join(dir, 'resiliency.yaml'),
    `apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata:
  name: guarded
spec:
  policies:
    circuitBreakers:
      twice:
        maxRequests: 1
        timeout: 60s
        trip: consecutiveFailures >= 2
  targets:
    components:
      files:
        outbound:
          circuitBreaker: twice
`,
  );
  const metrics = await prometheusMetrics({ processMetrics: false });
  const runtime = metrics.watch(new BindingsRuntime({ resourcesPaths: [dir], logger: silentLogger() }));
  await runtime.start();
  const state = async () =>
    sample(await metrics.text(), 'bindery_circuit_breaker_state', { breaker: 'twice-files' });
  await runtime.invoke('files', 'create', 'a', { fileName: 'a.txt' });
  assert.equal(await state(), 0);
  for (let i = 0; i < 2; i++)
    await assert.rejects(runtime.invoke('files', 'get', undefined, { fileName: 'gone.txt' }));
  assert.equal(await state(), 2);
  await runtime.close();
});

test('input events are counted by binding and outcome', async () => {
  const metrics = await prometheusMetrics({ processMetrics: false });
  const runtime = metrics.watch(new BindingsRuntime({ logger: silentLogger(), types: [memoryQueueBinding] }));
  const name = uniqueKey('q');
  runtime.add({ name: 'jobs', type: 'bindings.memqueue', metadata: { queue: name, direction: 'input' } });
  await runtime.start();
  let answer = 200;
  await runtime.deliverTo({
    description: 'test channel',
    post: async () => ({ status: answer, body: new Uint8Array() }),
    options: async () => 200,
  });
  await runtime.deliver('jobs', 'one');
  answer = 500;
  await assert.rejects(runtime.deliver('jobs', 'two'));
  const text = await metrics.text();
  assert.equal(sample(text, 'bindery_input_events_total', { binding: 'jobs', outcome: 'success' }), 1);
  assert.equal(sample(text, 'bindery_input_events_total', { binding: 'jobs', outcome: 'refused' }), 1);
  assert.equal(
    sample(text, 'bindery_input_event_duration_seconds_count', { binding: 'jobs', outcome: 'success' }),
    1,
  );
  await runtime.close();
});
