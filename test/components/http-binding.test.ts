import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { DaprHttpCore } from '../../src/components/api/dapr-http-core.js';
import type { BindingError } from '../../src/components/binding-error.js';
import { httpBinding } from '../../src/components/bindings/http/index.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { conformance } from './conformance.js';
import { silentLogger } from './support.js';

/** A small resource server: bodies stored by path, plus the headers of the last request. */
let server: Server;
let base = '';
let lastHeaders: IncomingHttpHeaders = {};
const store = new Map<string, Buffer>();

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      lastHeaders = req.headers;
      const path = req.url ?? '/';
      const body = Buffer.concat(chunks);
      if (path === '/slow') return void setTimeout(() => res.end('late'), 1000);
      if (path === '/big') return void res.end(Buffer.alloc(10_000, 97));
      switch (req.method) {
        case 'POST':
        case 'PUT':
        case 'PATCH':
          store.set(path, body);
          res.setHeader('content-type', 'application/json');
          return void res.end(body);
        case 'GET':
        case 'HEAD': {
          const found = store.get(path);
          res.setHeader('content-type', 'application/json');
          res.setHeader('x-multi', ['a', 'b']);
          if (found === undefined) {
            res.statusCode = 404;
            return void res.end('{"error":"missing"}');
          }
          return void res.end(found);
        }
        case 'DELETE':
          store.delete(path);
          res.statusCode = 204;
          return void res.end();
        case 'OPTIONS':
          res.statusCode = 204;
          res.setHeader('allow', 'GET, POST, PUT, PATCH, DELETE');
          return void res.end();
        default:
          res.setHeader('content-type', 'application/json');
          return void res.end(JSON.stringify({ method: req.method, path }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

conformance({
  type: httpBinding,
  metadata: () => ({ url: `${base}/api/` }),
  scenarios: (key) => [
    {
      name: 'every method against a resource',
      steps: [
        {
          operation: 'create',
          data: { v: 1 },
          metadata: { path: `/${key}` },
          expect: { json: { v: 1 } },
          responseMetadata: { statusCode: '200' },
        },
        { operation: 'post', data: { v: 2 }, metadata: { path: key }, expect: { json: { v: 2 } } },
        { operation: 'put', data: { v: 3 }, metadata: { path: key }, expect: { json: { v: 3 } } },
        { operation: 'patch', data: { v: 4 }, metadata: { path: key }, expect: { json: { v: 4 } } },
        {
          operation: 'get',
          metadata: { path: key },
          expect: { json: { v: 4 } },
          responseMetadata: {
            statusCode: '200',
            status: '200 OK',
            'Content-Type': 'application/json',
            'X-Multi': 'a, b',
          },
        },
        {
          operation: 'head',
          metadata: { path: key },
          expect: { empty: true },
          responseMetadata: { statusCode: '200' },
        },
        {
          operation: 'options',
          metadata: { path: key },
          expect: { empty: true },
          responseMetadata: { Allow: /GET/ },
        },
        {
          operation: 'trace',
          metadata: { path: key },
          expect: { json: { method: 'TRACE', path: `/api/${key}` } },
        },
        {
          operation: 'delete',
          metadata: { path: key },
          expect: { empty: true },
          responseMetadata: { statusCode: '204' },
        },
        { operation: 'get', metadata: { path: key }, expect: { error: 'received status code 404' } },
      ],
    },
  ],
});

describe('bindings.http', () => {
  let runtime: BindingsRuntime;
  before(async () => {
    runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({
      name: 'api',
      type: 'bindings.http',
      metadata: { url: base, securityToken: 't0k', securityTokenHeader: 'X-Token' },
    });
    runtime.add({ name: 'lenient', type: 'bindings.http', metadata: { url: base, errorIfNot2XX: 'false' } });
    runtime.add({
      name: 'impatient',
      type: 'bindings.http',
      metadata: { url: base, responseTimeout: '50ms' },
    });
    runtime.add({
      name: 'small',
      type: 'bindings.http',
      metadata: { url: base, maxResponseBodySize: '1Ki' },
    });
    runtime.add({ name: 'nowhere', type: 'bindings.http', metadata: { url: 'http://127.0.0.1:1' } });
    await runtime.start();
  });
  after(() => runtime.close());

  test('a non-2xx answer fails with its status, headers and body kept', async () => {
    const error = (await runtime
      .invoke('api', 'get', undefined, { path: '/nothing-here' })
      .catch((e: unknown) => e)) as BindingError;
    assert.equal(error.message, 'received status code 404');
    assert.equal(error.response?.metadata.statusCode, '404');
    assert.equal(error.response?.metadata.status, '404 Not Found');
    assert.equal(Buffer.from(error.response!.data).toString(), '{"error":"missing"}');

    const core = new DaprHttpCore(runtime, { apiToken: '' });
    const answer = await core.handleInvoke(
      'api',
      new TextEncoder().encode('{"operation":"get","metadata":{"path":"/nothing"}}'),
      {},
    );
    assert.equal(answer.status, 500);
    assert.equal(answer.headers['metadata.statusCode'], '404');
    assert.deepEqual(JSON.parse(Buffer.from(answer.body).toString()), {
      errorCode: 'ERR_INVOKE_OUTPUT_BINDING',
      message: 'error invoking output binding api: received status code 404',
      data: '{"error":"missing"}',
    });
  });

  test('errorIfNot2XX=false (component or request) returns the answer instead', async () => {
    const viaComponent = await runtime.invoke('lenient', 'get', undefined, { path: '/nothing' });
    assert.equal(viaComponent.metadata.statusCode, '404');
    assert.equal(viaComponent.text(), '{"error":"missing"}');
    const viaRequest = await runtime.invoke('api', 'get', undefined, {
      path: '/nothing',
      errorIfNot2XX: 'false',
    });
    assert.equal(viaRequest.metadata.statusCode, '404');
  });

  test('upper-case metadata keys, the security token and trace context become headers', async () => {
    await runtime.invoke('api', 'post', '{"a":1}', {
      path: '/headers',
      'X-Request-Source': 'orders',
      lowercase: 'not a header',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    assert.equal(lastHeaders['x-request-source'], 'orders');
    assert.equal(lastHeaders.lowercase, undefined);
    assert.equal(lastHeaders['x-token'], 't0k');
    assert.equal(lastHeaders['content-type'], 'application/json; charset=utf-8');
    assert.equal(lastHeaders.accept, 'application/json; charset=utf-8');
    // The call is a child of the given context: same trace, a span of its own.
    assert.match(String(lastHeaders.traceparent), /^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    assert.notEqual(lastHeaders.traceparent, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    await runtime.invoke('api', 'put', 'x', {
      path: '/headers',
      'Content-Type': 'text/plain',
      Accept: 'text/plain',
    });
    assert.equal(lastHeaders['content-type'], 'text/plain');
    assert.equal(lastHeaders.accept, 'text/plain');
  });

  test('responseTimeout cuts a slow answer; maxResponseBodySize cuts a big one', async () => {
    await assert.rejects(runtime.invoke('impatient', 'get', undefined, { path: '/slow' }), {
      message: 'context deadline exceeded',
    });
    const big = await runtime.invoke('small', 'get', undefined, { path: '/big' });
    assert.equal(big.data.length, 1024);
  });

  test('network failures read like Go client errors', async () => {
    await assert.rejects(runtime.invoke('nowhere', 'create', 'x'), {
      message: 'Post "http://127.0.0.1:1": dial tcp 127.0.0.1:1: connect: connection refused',
    });
  });

  test('a bad url stops start-up', async () => {
    const bad = new BindingsRuntime({ logger: silentLogger() });
    bad.add({ name: 'bad', type: 'bindings.http', metadata: { url: 'ftp://example.com' } });
    await assert.rejects(bad.start(), /init failed: url must be http or https, not ftp:/);
  });
});
