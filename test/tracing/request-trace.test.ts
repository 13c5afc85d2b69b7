import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type BindingClient, binding, provideBindings } from '../../src/components/binding-client.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { useClass } from '../../src/inject/index.js';
import { Container, WebService } from '../../src/service/index.js';
import { TraceContext } from '../../src/tracing/index.js';
import { silentLogger } from '../components/support.js';

// No OpenTelemetry SDK is registered in this file: the request's trace reaches binding calls on
// its own.

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const INCOMING_SPAN = 'b7ad6b7169203331';
const INCOMING = `00-${TRACE_ID}-${INCOMING_SPAN}-01`;

/** The downstream service: records the headers of each request by path. */
let server: Server;
let base = '';
const seen = new Map<string, IncomingHttpHeaders>();
before(async () => {
  server = createServer((req, res) => {
    seen.set(req.url ?? '/', req.headers);
    req.resume();
    res.end('{"charged":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A singleton service holding a binding client, made once when the container starts. */
class Payments {
  static inject = [binding<'post'>('payments-api')] as const;
  constructor(private readonly api: BindingClient<'post'>) {}

  charge(order: string) {
    return this.api.invoke('post', { order }, { path: `/charge/${order}` });
  }
}

function sentTrace(order: string): TraceContext | undefined {
  return TraceContext.parse(String(seen.get(`/charge/${order}`)?.traceparent));
}

describe('binding calls made while a request is handled', () => {
  let runtime: BindingsRuntime;
  let container: Container;
  before(async () => {
    runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({ name: 'payments-api', type: 'bindings.http', metadata: { url: base } });
    await runtime.start();
    const ws = new WebService('/orders');
    ws.post('/{id}')
      .inject({ payments: Payments })
      .to(async (_input, { payments }, ctx) => {
        await payments.charge(String(ctx.params.id));
        return { traceId: ctx.trace.traceId, spanId: ctx.trace.spanId };
      });
    container = new Container({ logger: false }).provide(Payments, useClass(Payments)).add(ws);
    provideBindings(container, runtime);
  });
  after(async () => {
    await container.close();
    await runtime.close();
  });

  test("a singleton service's call is a child of the request's trace, with a span of its own", async () => {
    const answer = await container.inject({
      method: 'POST',
      url: '/orders/a1',
      headers: { traceparent: INCOMING, tracestate: 'shop=7' },
    });
    assert.equal(answer.status, 200);
    const request = answer.json() as { traceId: string; spanId: string };
    assert.equal(request.traceId, TRACE_ID, 'the request continues the incoming trace');
    const sent = sentTrace('a1');
    assert.equal(sent?.traceId, TRACE_ID, 'the http binding sent the request trace');
    assert.notEqual(sent?.spanId, INCOMING_SPAN);
    assert.notEqual(sent?.spanId, request.spanId, 'the call has a span id of its own');
    assert.equal(seen.get('/charge/a1')?.tracestate, 'shop=7');
  });

  test('a request without traceparent starts a trace that its calls continue', async () => {
    const answer = await container.inject({ method: 'POST', url: '/orders/b2' });
    const request = answer.json() as { traceId: string; spanId: string };
    assert.match(request.traceId, /^[0-9a-f]{32}$/);
    assert.notEqual(request.traceId, TRACE_ID);
    assert.equal(sentTrace('b2')?.traceId, request.traceId);
  });

  test('concurrent requests each pass on their own trace', async () => {
    const orders = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
    const answers = await Promise.all(
      orders.map((order) => container.inject({ method: 'POST', url: `/orders/${order}` })),
    );
    const traces = answers.map((a) => (a.json() as { traceId: string }).traceId);
    assert.equal(new Set(traces).size, orders.length);
    orders.forEach((order, i) => {
      assert.equal(sentTrace(order)?.traceId, traces[i], `the call for ${order}`);
    });
  });

  test('outside a request a call starts a new trace; withTrace names the parent', async () => {
    const payments = new Payments(runtime.client('payments-api'));
    await payments.charge('d1');
    const alone = sentTrace('d1');
    assert.ok(alone !== undefined);
    assert.notEqual(alone.traceId, TRACE_ID);

    const parent = TraceContext.parse(INCOMING)!;
    await runtime.client<'post'>('payments-api').withTrace(parent).invoke('post', {}, { path: '/charge/d2' });
    assert.equal(sentTrace('d2')?.traceId, TRACE_ID);
    assert.notEqual(sentTrace('d2')?.spanId, INCOMING_SPAN);
  });
});
