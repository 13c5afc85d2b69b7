import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { daprHttpService } from '../../src/components/api/dapr-http-service.js';
import { type BindingClient, binding, provideBindings } from '../../src/components/binding-client.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { useClass } from '../../src/inject/index.js';
import { Container, WebService } from '../../src/service/index.js';
import { TraceContext } from '../../src/tracing/index.js';
import { silentLogger } from '../components/support.js';

// The application's SDK, registered before anything starts (as `--import ./otel.js` would).
const exporter = new InMemorySpanExporter();
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(
  new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
);

const INCOMING = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

let server: Server;
let base = '';
const seen: IncomingHttpHeaders[] = [];
before(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function spanNamed(name: string): ReadableSpan {
  const span = exporter.getFinishedSpans().find((s) => s.name === name);
  assert.ok(
    span,
    `no span named ${name}; got ${exporter
      .getFinishedSpans()
      .map((s) => s.name)
      .join(', ')}`,
  );
  return span;
}

const parentId = (span: ReadableSpan) => span.parentSpanContext?.spanId;

/** A singleton service holding a binding client, made once when the container starts. */
class Stock {
  static inject = [binding<'post'>('stock-api')] as const;
  constructor(private readonly api: BindingClient<'post'>) {}

  reserve(sku: string) {
    return this.api.invoke('post', { sku }, { path: `/reserve/${sku}` });
  }
}

/** A container whose route reserves stock through the singleton `Stock` service. */
async function stockApp(): Promise<{ container: Container; runtime: BindingsRuntime }> {
  const runtime = new BindingsRuntime({ logger: silentLogger() });
  runtime.add({ name: 'stock-api', type: 'bindings.http', metadata: { url: base } });
  await runtime.start();
  const ws = new WebService('/carts');
  ws.post('/{sku}')
    .inject({ stock: Stock })
    .to(async (_input, { stock }, ctx) => {
      await stock.reserve(String(ctx.params.sku));
      return 'reserved';
    });
  const container = new Container({ logger: false }).provide(Stock, useClass(Stock)).add(ws);
  provideBindings(container, runtime);
  return { container, runtime };
}

/** Asserts the binding span is the request span's child and its ids are what the server got. */
async function assertStockSpans(container: Container): Promise<void> {
  exporter.reset();
  const answer = await container.inject({
    method: 'POST',
    url: '/carts/sku-1',
    headers: { traceparent: INCOMING },
  });
  assert.equal(answer.status, 200);
  const request = spanNamed('POST /carts/{sku}');
  const call = spanNamed('bindings/stock-api post');
  assert.equal(parentId(request), 'b7ad6b7169203331');
  assert.equal(call.spanContext().traceId, TRACE_ID);
  assert.equal(parentId(call), request.spanContext().spanId);
  const sent = seen.findLast((h) => h.traceparent?.includes(call.spanContext().spanId));
  assert.equal(sent?.traceparent, `00-${TRACE_ID}-${call.spanContext().spanId}-01`);
}

describe('OpenTelemetry spans', () => {
  test('a request span (route template, HTTP attributes) is the parent of its binding call, whose ids the http binding sends', async () => {
    exporter.reset();
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({ name: 'downstream', type: 'bindings.http', metadata: { url: base } });
    await runtime.start();
    const ws = new WebService('/shops');
    ws.post('/{shopId:int}/orders')
      .inject({ downstream: binding<'post'>('downstream') })
      .to(async (_input, { downstream }, ctx) => {
        // With an SDK the active request span is the parent by itself.
        await downstream.invoke('post', { id: 1 }, { path: '/orders' });
        return { traceId: ctx.trace.traceId };
      });
    const container = new Container({ logger: false }).add(ws);
    provideBindings(container, runtime);
    const answer = await container.inject({
      method: 'POST',
      url: '/shops/7/orders',
      headers: { traceparent: INCOMING, 'user-agent': 'tests' },
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json(), { traceId: TRACE_ID });

    const request = spanNamed('POST /shops/{shopId:int}/orders');
    const call = spanNamed('bindings/downstream post');
    assert.equal(request.kind, SpanKind.SERVER);
    assert.equal(request.spanContext().traceId, TRACE_ID);
    assert.equal(parentId(request), 'b7ad6b7169203331', 'continues the incoming traceparent');
    assert.equal(request.attributes['http.route'], '/shops/{shopId:int}/orders');
    assert.equal(request.attributes['http.request.method'], 'POST');
    assert.equal(request.attributes['url.path'], '/shops/7/orders');
    assert.equal(request.attributes['http.response.status_code'], 200);
    assert.equal(request.attributes['user_agent.original'], 'tests');

    assert.equal(call.kind, SpanKind.CLIENT);
    assert.equal(call.spanContext().traceId, TRACE_ID);
    assert.equal(parentId(call), request.spanContext().spanId);
    assert.equal(call.attributes['bindery.binding.name'], 'downstream');
    assert.equal(call.attributes['bindery.binding.operation'], 'post');
    assert.equal(call.attributes['bindery.binding.type'], 'bindings.http');
    assert.equal(seen.at(-1)?.traceparent, `00-${TRACE_ID}-${call.spanContext().spanId}-01`);
    await container.close();
    await runtime.close();
  });

  test('a failed binding call marks its span as an error; a request without traceparent starts a trace', async () => {
    exporter.reset();
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({ name: 'nowhere', type: 'bindings.http', metadata: { url: 'http://127.0.0.1:1' } });
    await runtime.start();
    const ws = new WebService('/fail');
    ws.get('/')
      .inject({ nowhere: binding<'get'>('nowhere') })
      .to(async (_input, { nowhere }) => nowhere.invoke('get'));
    const container = new Container({ logger: false }).add(ws);
    provideBindings(container, runtime);
    const answer = await container.inject({ method: 'GET', url: '/fail/' });
    assert.equal(answer.status, 502);
    const request = spanNamed('GET /fail');
    const call = spanNamed('bindings/nowhere get');
    assert.equal(parentId(request), undefined);
    assert.equal(call.status.code, 2);
    assert.equal(parentId(call), request.spanContext().spanId);
    assert.equal(request.attributes['http.response.status_code'], 502);
    await container.close();
    await runtime.close();
  });

  test("the Dapr HTTP API: the caller's traceparent is the request span's parent, the component gets the call span's", async () => {
    exporter.reset();
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({ name: 'downstream', type: 'bindings.http', metadata: { url: base } });
    await runtime.start();
    const container = new Container({ logger: false }).add(daprHttpService(runtime, { apiToken: '' }));
    const answer = await container.inject({
      method: 'POST',
      url: '/v1.0/bindings/downstream',
      headers: { traceparent: INCOMING, 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'get' }),
    });
    assert.equal(answer.status, 200);
    const request = spanNamed('POST /v1.0/bindings/{name}');
    const call = spanNamed('bindings/downstream get');
    assert.equal(parentId(request), 'b7ad6b7169203331');
    assert.equal(parentId(call), request.spanContext().spanId);
    const sent = TraceContext.parse(String(seen.at(-1)?.traceparent));
    assert.equal(sent?.traceId, TRACE_ID);
    assert.equal(sent?.spanId, call.spanContext().spanId);
    await container.close();
    await runtime.close();
  });

  test("a singleton service's binding call is a child span of the request it runs for", async () => {
    const { container, runtime } = await stockApp();
    await assertStockSpans(container);
    await container.close();
    await runtime.close();
  });

  test('with an SDK but no context manager, binding calls are still children of the request span', async () => {
    const { container, runtime } = await stockApp();
    context.disable();
    try {
      await assertStockSpans(container);
    } finally {
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      await container.close();
      await runtime.close();
    }
  });

  test('input deliveries continue the trace of the event metadata as a CONSUMER span', async () => {
    exporter.reset();
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    await runtime.start();
    const incoming = TraceContext.parse(INCOMING);
    const seenTrace = await runtime.enterTrace(
      'bindings/orders-queue deliver',
      'consumer',
      incoming,
      async (t) => t,
    );
    const span = spanNamed('bindings/orders-queue deliver');
    assert.equal(span.kind, SpanKind.CONSUMER);
    assert.equal(parentId(span), 'b7ad6b7169203331');
    assert.equal(seenTrace.spanId, span.spanContext().spanId);
    await runtime.close();
  });
});
