import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { DaprGrpcServer } from '../../src/components/api/dapr-grpc-server.js';
import { binding, provideBindings } from '../../src/components/binding-client.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import type { AppChannel } from '../../src/components/input/app-channel.js';
import { Container, WebService } from '../../src/service/index.js';
import { TraceContext } from '../../src/tracing/index.js';
import { memoryQueueBinding, queue } from '../components/memory-queue.js';
import { captureLogger, silentLogger, uniqueKey } from '../components/support.js';

const VALID = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

describe('TraceContext', () => {
  test('reads a valid traceparent and tracestate', () => {
    const trace = TraceContext.parse(VALID, 'rojo=00f067aa0ba902b7, congo=t61rcWkgMzE');
    assert.equal(trace?.traceId, TRACE_ID);
    assert.equal(trace?.spanId, 'b7ad6b7169203331');
    assert.equal(trace?.sampled, true);
    assert.equal(trace?.traceState, 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE');
    assert.equal(trace?.traceparent, VALID);
  });

  test('refuses what the W3C rules refuse', () => {
    for (const bad of [
      '',
      'garbage',
      '00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01',
      '00-00000000000000000000000000000000-b7ad6b7169203331-01',
      '00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01',
      'ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      `${VALID}-extra`,
      `${VALID}, ${VALID}`,
    ]) {
      assert.equal(TraceContext.parse(bad), undefined, bad);
    }
    // A later version may carry more fields after the known ones.
    assert.equal(
      TraceContext.parse('01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-later')?.traceId,
      TRACE_ID,
    );
    // An invalid tracestate is dropped, the traceparent kept.
    assert.equal(TraceContext.parse(VALID, 'Not Valid=')?.traceState, undefined);
  });

  test('a child keeps the trace, flags and state, with a span of its own; root starts a trace', () => {
    const parent = TraceContext.parse(VALID, 'a=1')!;
    const child = parent.child();
    assert.equal(child.traceId, TRACE_ID);
    assert.notEqual(child.spanId, parent.spanId);
    assert.equal(child.traceState, 'a=1');
    const root = TraceContext.root();
    assert.match(root.traceparent, /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    assert.notEqual(root.traceId, TraceContext.root().traceId);
    assert.deepEqual(TraceContext.continueFrom('bad').traceId.length, 32);
  });

  test('reads the binary grpc-trace-bin', () => {
    const bytes = Buffer.concat([
      Buffer.from([0, 0]),
      Buffer.from(TRACE_ID, 'hex'),
      Buffer.from([1]),
      Buffer.from('b7ad6b7169203331', 'hex'),
      Buffer.from([2, 1]),
    ]);
    assert.equal(TraceContext.fromGrpcTraceBin(bytes)?.traceparent, VALID);
    assert.equal(TraceContext.fromGrpcTraceBin(bytes.subarray(0, 20)), undefined);
  });
});

/** A downstream server that records the trace headers of each request. */
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

describe('requests and binding calls without an OpenTelemetry SDK', () => {
  test('a request continues a valid traceparent, replaces an invalid one, and logs its trace id', async () => {
    const log = captureLogger();
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({ name: 'downstream', type: 'bindings.http', metadata: { url: base } });
    await runtime.start();
    const ws = new WebService('/orders');
    ws.post('/')
      .inject({ downstream: binding<'post'>('downstream') })
      .to(async (_input, { downstream }, ctx) => {
        ctx.log.info('placing order');
        await downstream.invoke('post', { id: 1 });
        return { traceId: ctx.trace.traceId };
      });
    const container = new Container({ logger: log.logger }).add(ws);
    provideBindings(container, runtime);

    const continued = await container.inject({
      method: 'POST',
      url: '/orders/',
      headers: { traceparent: VALID },
    });
    assert.deepEqual(continued.json(), { traceId: TRACE_ID });
    const sent = TraceContext.parse(String(seen.at(-1)?.traceparent));
    assert.equal(sent?.traceId, TRACE_ID, 'the binding call is in the same trace');
    assert.notEqual(sent?.spanId, 'b7ad6b7169203331');
    assert.equal(log.lines.find((l) => l.msg === 'placing order')?.traceId, TRACE_ID);

    const replaced = await container.inject({
      method: 'POST',
      url: '/orders/',
      headers: { traceparent: '00-zz-01' },
    });
    const fresh = (replaced.json() as { traceId: string }).traceId;
    assert.match(fresh, /^[0-9a-f]{32}$/);
    assert.notEqual(fresh, TRACE_ID);
    assert.equal(TraceContext.parse(String(seen.at(-1)?.traceparent))?.traceId, fresh);
    await container.close();
    await runtime.close();
  });

  test('the Dapr gRPC API continues traceparent and grpc-trace-bin metadata', async () => {
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({ name: 'downstream', type: 'bindings.http', metadata: { url: base } });
    await runtime.start();
    const grpcServer = new DaprGrpcServer(runtime, { apiToken: '' });
    const port = await grpcServer.listen(0);
    const proto = fileURLToPath(new URL('../components/dapr.proto', import.meta.url));
    const definition = grpc.loadPackageDefinition(
      protoLoader.loadSync(proto, { keepCase: true, defaults: true }),
    ) as unknown as {
      dapr: { proto: { runtime: { v1: { Dapr: grpc.ServiceClientConstructor } } } };
    };
    const client = new definition.dapr.proto.runtime.v1.Dapr(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    );
    const invoke = (metadata: grpc.Metadata) =>
      new Promise<void>((resolve, reject) => {
        (client as unknown as Record<string, (...args: unknown[]) => void>).InvokeBinding!(
          { name: 'downstream', operation: 'get', metadata: {} },
          metadata,
          (error: Error | null) => (error === null ? resolve() : reject(error)),
        );
      });
    const w3c = new grpc.Metadata();
    w3c.set('traceparent', VALID);
    await invoke(w3c);
    assert.equal(TraceContext.parse(String(seen.at(-1)?.traceparent))?.traceId, TRACE_ID);
    assert.notEqual(seen.at(-1)?.traceparent, VALID);

    const binary = new grpc.Metadata();
    const otherTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    binary.set(
      'grpc-trace-bin',
      Buffer.concat([
        Buffer.from([0, 0]),
        Buffer.from(otherTrace, 'hex'),
        Buffer.from([1]),
        Buffer.from('00f067aa0ba902b7', 'hex'),
        Buffer.from([2, 1]),
      ]),
    );
    await invoke(binary);
    assert.equal(TraceContext.parse(String(seen.at(-1)?.traceparent))?.traceId, otherTrace);
    client.close();
    await grpcServer.close();
    await runtime.close();
  });
});

describe('input deliveries', () => {
  test("continue the trace of the event's metadata, or start one; the app gets a child context", async () => {
    const name = uniqueKey('traced');
    const runtime = new BindingsRuntime({ logger: silentLogger(), types: [memoryQueueBinding] });
    runtime.add({ name: 'jobs', type: 'bindings.memqueue', metadata: { queue: name } });
    await runtime.start();
    const posted: Record<string, string>[] = [];
    const channel: AppChannel = {
      description: 'test channel',
      async post(_path, _body, headers) {
        posted.push({ ...headers });
        return { status: 200, body: new Uint8Array() };
      },
      options: async () => 200,
    };
    await runtime.deliverTo(channel);
    queue(name).push('{}', { traceparent: VALID });
    queue(name).push('{}', { traceparent: 'not-a-traceparent' });
    for (let i = 0; i < 500 && posted.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    const continued = TraceContext.parse(posted[0]?.traceparent);
    assert.equal(continued?.traceId, TRACE_ID);
    assert.notEqual(continued?.spanId, 'b7ad6b7169203331');
    const started = TraceContext.parse(posted[1]?.traceparent);
    assert.ok(started !== undefined, 'an invalid traceparent is replaced, not passed on');
    assert.notEqual(started.traceId, TRACE_ID);
    await runtime.close();
  });
});
