import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type DaprHttpAnswer, DaprHttpCore } from '../../src/components/api/dapr-http-core.js';
import { daprHttpService } from '../../src/components/api/dapr-http-service.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { Container } from '../../src/service/index.js';
import { fakeBinding, fakeInstances } from './fake-binding.js';
import { silentLogger } from './support.js';

const runtime = new BindingsRuntime({ types: [fakeBinding], logger: silentLogger(), appId: 'orders-app' });
runtime.add({ name: 'fake', type: 'bindings.fake', metadata: { greeting: 'hello' } });
const core = new DaprHttpCore(runtime, { apiToken: '' });

before(() => runtime.start());
after(() => runtime.close());

const body = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
/** One request through the API as an application serves it: daprHttpService on a container. */
async function serve(
  api: DaprHttpCore,
  method: string,
  url: string,
  headers: Record<string, string>,
  payload: Uint8Array,
  remoteAddress?: string,
): Promise<DaprHttpAnswer> {
  const container = new Container({ logger: false }).add(daprHttpService(api));
  try {
    const res = await container.inject({
      method,
      url,
      headers,
      body: Buffer.from(payload),
      ...(remoteAddress === undefined ? {} : { remoteAddress }),
    });
    return { status: res.status, headers: res.headers as Record<string, string>, body: res.rawBody };
  } finally {
    await container.close();
  }
}
const text = (a: DaprHttpAnswer) => (typeof a.body === 'string' ? a.body : Buffer.from(a.body).toString());
const lastRequest = () =>
  fakeInstances.find((i) => i.name === 'fake')!.requests.at(-1) as {
    data: Uint8Array;
    metadata: Record<string, string>;
  };

describe('POST /v1.0/bindings/{name}', () => {
  test('200 with the raw data, application/json, and one metadata.<key> header per key', async () => {
    const answer = await core.handleInvoke(
      'fake',
      body({ operation: 'echo', data: { b: 2, a: '<1>' }, metadata: { key: 'k1' } }),
      {},
    );
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['content-type'], 'application/json');
    // Dapr re-marshals data the Go way: sorted keys, HTML escapes.
    assert.equal(text(answer), '{"a":"\\u003c1\\u003e","b":2}');
    assert.equal(answer.headers['metadata.key'], 'k1');
    assert.equal(answer.headers['metadata.greeting'], 'hello');
  });

  test('a string reaches the component quoted; a missing data as null', async () => {
    await core.handleInvoke('fake', body({ operation: 'echo', data: 'hi' }), {});
    assert.equal(Buffer.from(lastRequest().data).toString(), '"hi"');
    await core.handleInvoke('fake', body({ operation: 'echo' }), {});
    assert.equal(Buffer.from(lastRequest().data).toString(), 'null');
  });

  test('field names match case-insensitively (Go decoding); the component gets a child trace context', async () => {
    await core.handleInvoke('fake', body({ Operation: 'echo', DATA: 1, Metadata: { a: 'b' } }), {
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      tracestate: 'vendor=abc',
      'x-other': 'ignored',
    });
    const { traceparent, ...rest } = lastRequest().metadata as Record<string, string>;
    assert.deepEqual(rest, { a: 'b', tracestate: 'vendor=abc' });
    const [version, traceId, spanId, flags] = (traceparent ?? '').split('-');
    assert.deepEqual([version, traceId, flags], ['00', '0af7651916cd43dd8448eb211c80319c', '01']);
    assert.match(spanId ?? '', /^[0-9a-f]{16}$/);
    assert.notEqual(spanId, 'b7ad6b7169203331', "a new span, not the caller's copied");
  });

  test('an invalid traceparent is replaced by a new trace, not passed on', async () => {
    await core.handleInvoke('fake', body({ operation: 'echo' }), { traceparent: '00-not-a-trace-01' });
    const { traceparent } = lastRequest().metadata as Record<string, string>;
    assert.match(traceparent ?? '', /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  test('with the Configuration\'s samplingRate "0" no trace context or baggage reaches the component', async () => {
    const untraced = new DaprHttpCore(runtime, {
      apiToken: '',
      configuration: { samplingRate: '0', features: [] },
    });
    await untraced.handleInvoke('fake', body({ operation: 'echo', metadata: { a: 'b' } }), {
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      tracestate: 'vendor=abc',
      baggage: 'k=v',
    });
    assert.deepEqual(lastRequest().metadata, { a: 'b' });
  });

  test('204 with no body when the component answers nothing', async () => {
    const answer = await core.handleInvoke('fake', body({ operation: 'nothing' }), {});
    assert.equal(answer.status, 204);
    assert.equal(text(answer), '');
  });

  test('500 ERR_INVOKE_OUTPUT_BINDING with the runtime texts', async () => {
    const cases: [string, unknown, string][] = [
      ['fake', {}, 'error invoking output binding fake: operation field is missing from request'],
      [
        'nope',
        { operation: 'echo' },
        "error invoking output binding nope: couldn't find output binding nope",
      ],
      [
        'fake',
        { operation: 'explode' },
        'error invoking output binding fake: binding fake does not support operation explode. supported operations:echo nothing fail fail-with-response',
      ],
      ['fake', { operation: 'fail' }, 'error invoking output binding fake: the fake failed'],
      ['fake', null, 'error invoking output binding fake: operation field is missing from request'],
    ];
    for (const [name, request, message] of cases) {
      const answer = await core.handleInvoke(name, body(request), {});
      assert.equal(answer.status, 500);
      assert.equal(answer.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(text(answer)), { errorCode: 'ERR_INVOKE_OUTPUT_BINDING', message });
    }
  });

  test("errors carry the component's metadata headers and keep the remote body", async () => {
    const answer = await core.handleInvoke('fake', body({ operation: 'fail-with-response' }), {});
    assert.equal(answer.status, 500);
    assert.equal(answer.headers['metadata.statusCode'], '418');
    assert.deepEqual(JSON.parse(text(answer)), {
      errorCode: 'ERR_INVOKE_OUTPUT_BINDING',
      message: 'error invoking output binding fake: received status code 418',
      data: '{"reason":"teapot"}',
    });
  });

  test("like Go's json.Decoder, only the first JSON value of the body counts", async () => {
    const answer = await core.handleInvoke('fake', body('{"operation":"echo","data":"hi"} and more'), {});
    assert.equal(answer.status, 200);
  });

  test('400 ERR_MALFORMED_REQUEST for bodies Dapr cannot decode', async () => {
    const cases: [string, RegExp][] = [
      // Go's json.Decoder words: nothing at all is EOF, a cut-off value unexpected EOF.
      ['', /^failed deserializing HTTP body: EOF$/],
      ['{"operation":', /^failed deserializing HTTP body: unexpected EOF$/],
      ['garbage', /^failed deserializing HTTP body: invalid character 'g' looking for beginning of value$/],
      [
        '{bad',
        /^failed deserializing HTTP body: invalid character 'b' looking for beginning of object key string$/,
      ],
      ['{"operation" 1}', /^failed deserializing HTTP body: invalid character '1' after object key$/],
      // A broken true, false or null: Go names the literal and the letter it expected.
      [
        '{"operation":"echo","data":tru}',
        /^failed deserializing HTTP body: invalid character '}' in literal true \(expecting 'e'\)$/,
      ],
      [
        '{"operation":"t","data":[1,fx]}',
        /^failed deserializing HTTP body: invalid character 'x' in literal false \(expecting 'a'\)$/,
      ],
      ['nulL', /^failed deserializing HTTP body: invalid character 'L' in literal null \(expecting 'l'\)$/],
      ['[1]', /cannot unmarshal array into Go value of type http\.OutputBindingRequest$/],
      [
        '{"operation":"echo","metadata":{"n":1}}',
        /cannot unmarshal number into Go struct field OutputBindingRequest\.metadata of type string$/,
      ],
      [
        '{"operation":7}',
        /cannot unmarshal number into Go struct field OutputBindingRequest\.operation of type string$/,
      ],
    ];
    for (const [raw, message] of cases) {
      const answer = await core.handleInvoke('fake', body(raw), {});
      assert.equal(answer.status, 400, raw);
      const parsed = JSON.parse(text(answer)) as { errorCode: string; message: string };
      assert.equal(parsed.errorCode, 'ERR_MALFORMED_REQUEST');
      assert.match(parsed.message, message);
    }
  });

  test('metadata values become safe header values', async () => {
    const answer = await core.handleInvoke(
      'fake',
      body({ operation: 'echo', metadata: { sql: 'select\n1', 'bad key': 'x', name: 'é' } }),
      {},
    );
    assert.equal(answer.headers['metadata.sql'], 'select 1');
    assert.equal(answer.headers['metadata.bad key'], undefined);
    // UTF-8 bytes carried as-is (Go writes them raw), expressed as a latin1 string for node:http.
    assert.equal(Buffer.from(answer.headers['metadata.name']!, 'latin1').toString('utf8'), 'é');
  });
});

describe('the other endpoints', () => {
  test('GET /v1.0/metadata lists components in Dapr shape', async () => {
    const answer = await serve(core, 'GET', '/v1.0/metadata', {}, new Uint8Array());
    assert.equal(answer.status, 200);
    const document = JSON.parse(text(answer));
    assert.equal(document.id, 'orders-app');
    assert.deepEqual(document.components, [
      { name: 'fake', type: 'bindings.fake', version: 'v1', capabilities: ['OUTPUT_BINDING'] },
    ]);
    assert.equal(typeof document.runtimeVersion, 'string');
    assert.equal(document.extended.daprRuntimeVersion, document.runtimeVersion);
    assert.equal(document.actorRuntime.runtimeStatus, 'DISABLED');
  });

  test('PUT /v1.0/metadata/{key} lands in extended', async () => {
    const put = await serve(core, 'PUT', '/v1.0/metadata/team', {}, body('orders'));
    assert.equal(put.status, 204);
    const document = JSON.parse(text(await serve(core, 'GET', '/v1.0/metadata', {}, new Uint8Array())));
    assert.equal(document.extended.team, 'orders');
  });

  test('healthz: 204 when ready, app id checked when asked', async () => {
    assert.equal((await serve(core, 'GET', '/v1.0/healthz', {}, new Uint8Array())).status, 204);
    assert.equal(
      (await serve(core, 'GET', '/v1.0/healthz?appid=orders-app', {}, new Uint8Array())).status,
      204,
    );
    const wrong = await serve(core, 'GET', '/v1.0/healthz?appid=other', {}, new Uint8Array());
    assert.deepEqual([wrong.status, JSON.parse(text(wrong)).errorCode], [500, 'ERR_HEALTH_APPID_NOT_MATCH']);
    assert.equal((await serve(core, 'GET', '/v1.0/healthz/outbound', {}, new Uint8Array())).status, 204);
    const notStarted = new DaprHttpCore(new BindingsRuntime({ logger: silentLogger() }), { apiToken: '' });
    const answer = notStarted.handleHealthz();
    assert.deepEqual(JSON.parse(text(answer)), {
      errorCode: 'ERR_HEALTH_NOT_READY',
      message: 'dapr is not ready',
    });
  });

  test('a malformed path escape is not found, not a crash', async () => {
    const answer = await serve(core, 'POST', '/v1.0/bindings/%zz', {}, body({ operation: 'echo' }));
    assert.equal(answer.status, 404);
  });

  test('GET on a binding falls to the invoke fallback', async () => {
    const answer = await serve(core, 'GET', '/v1.0/bindings/fake', {}, new Uint8Array());
    assert.equal(answer.status, 404);
    assert.equal(JSON.parse(text(answer)).errorCode, 'ERR_DIRECT_INVOKE');
  });

  test('shutdown answers 204, then calls back', async () => {
    let called = false;
    const withHook = new DaprHttpCore(runtime, { apiToken: 'tok', onShutdown: () => (called = true) });
    const answer = await serve(
      withHook,
      'POST',
      '/v1.0/shutdown',
      { 'dapr-api-token': 'tok' },
      new Uint8Array(),
    );
    assert.equal(answer.status, 204);
    await new Promise((r) => setImmediate(r));
    assert.equal(called, true);
  });

  test('without a token, shutdown needs the explicit option and a loopback caller', async () => {
    let calls = 0;
    const open = new DaprHttpCore(runtime, { apiToken: '', onShutdown: () => calls++ });
    const refused = await serve(open, 'POST', '/v1.0/shutdown', {}, new Uint8Array(), '127.0.0.1');
    assert.equal(refused.status, 403);
    assert.equal(JSON.parse(text(refused)).errorCode, 'ERR_SHUTDOWN_FORBIDDEN');
    const allowed = new DaprHttpCore(runtime, {
      apiToken: '',
      shutdownWithoutToken: true,
      onShutdown: () => calls++,
    });
    const remote = await serve(allowed, 'POST', '/v1.0/shutdown', {}, new Uint8Array(), '10.1.2.3');
    assert.equal(remote.status, 403);
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const local = await serve(allowed, 'POST', '/v1.0/shutdown', {}, new Uint8Array(), address);
      assert.equal(local.status, 204, address);
    }
    await new Promise((r) => setImmediate(r));
    assert.equal(calls, 3);
  });

  test('PUT /v1.0/metadata/{key} keeps a bounded number of bounded attributes', async () => {
    const bounded = new DaprHttpCore(runtime, { apiToken: '' });
    const put = async (key: string, value: string) => bounded.handlePutMetadata(key, Buffer.from(value));
    assert.equal((await put('k', 'x'.repeat(16 * 1024))).status, 204);
    const big = await put('k', 'x'.repeat(16 * 1024 + 1));
    assert.equal(big.status, 400);
    assert.match(JSON.parse(text(big)).message, /larger than 16384 bytes/);
    assert.equal((await put('k'.repeat(257), 'v')).status, 400);
    for (let i = 0; i < 63; i++) assert.equal((await put(`key${i}`, 'v')).status, 204);
    const full = await put('one-too-many', 'v');
    assert.equal(full.status, 400);
    assert.match(JSON.parse(text(full)).message, /most attributes allowed \(64\)/);
    // Replacing an attribute that is already there is still allowed.
    assert.equal((await put('key0', 'new')).status, 204);
    assert.equal(
      JSON.parse(text(await serve(bounded, 'GET', '/v1.0/metadata', {}, new Uint8Array()))).extended.key0,
      'new',
    );
  });
});

describe('dapr-api-token', () => {
  const guarded = new DaprHttpCore(runtime, { apiToken: 's3cret' });

  test('401 plain text without the right token; healthz exempt', async () => {
    for (const headers of [{}, { 'dapr-api-token': 'wrong' }] as Record<string, string>[]) {
      const answer = await serve(
        guarded,
        'POST',
        '/v1.0/bindings/fake',
        headers,
        body({ operation: 'echo' }),
      );
      assert.equal(answer.status, 401);
      assert.equal(text(answer), 'invalid api token');
      assert.match(answer.headers['content-type']!, /^text\/plain/);
    }
    assert.equal((await serve(guarded, 'GET', '/v1.0/metadata', {}, new Uint8Array())).status, 401);
    assert.equal((await serve(guarded, 'GET', '/v1.0/healthz', {}, new Uint8Array())).status, 204);
    assert.equal((await serve(guarded, 'GET', '/v1.0/healthz/outbound', {}, new Uint8Array())).status, 204);
    const ok = await serve(
      guarded,
      'POST',
      '/v1.0/bindings/fake',
      { 'dapr-api-token': 's3cret' },
      body({ operation: 'echo' }),
    );
    assert.equal(ok.status, 200);
  });

  test('DAPR_API_TOKEN is the default', () => {
    const previous = process.env.DAPR_API_TOKEN;
    process.env.DAPR_API_TOKEN = 'from-env';
    try {
      assert.equal(new DaprHttpCore(runtime).apiToken, 'from-env');
    } finally {
      if (previous === undefined) delete process.env.DAPR_API_TOKEN;
      else process.env.DAPR_API_TOKEN = previous;
    }
  });
});
