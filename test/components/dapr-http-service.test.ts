import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { daprHttpService } from '../../src/components/api/dapr-http-service.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { Container } from '../../src/service/index.js';
import { fakeBinding } from './fake-binding.js';
import { silentLogger } from './support.js';

const runtime = new BindingsRuntime({ types: [fakeBinding], logger: silentLogger(), appId: 'svc' });
runtime.add({ name: 'fake', type: 'bindings.fake', metadata: { greeting: 'hello' } });
const container = new Container({ logger: false });
container.add(daprHttpService(runtime, { apiToken: 'tok' }));
const auth = { 'dapr-api-token': 'tok' };

before(() => runtime.start());
after(async () => {
  await container.close();
  await runtime.close();
});

describe('daprHttpService (a WebService in a Container)', () => {
  test('POST and PUT invoke, with metadata headers and the raw data', async () => {
    for (const method of ['POST', 'PUT']) {
      const res = await container.inject({
        method,
        url: '/v1.0/bindings/fake',
        headers: auth,
        body: { operation: 'echo', data: { x: 1 }, metadata: { key: 'v' } },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'application/json');
      assert.equal(res.headers['metadata.key'], 'v');
      assert.equal(res.body, '{"x":1}');
    }
  });

  test('any Content-Type is accepted and common Accept values answered, as in Dapr (curl -d sends a form type)', async () => {
    const res = await container.inject({
      method: 'POST',
      url: '/v1.0/bindings/fake',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/plain' },
      body: '{"operation":"nothing"}',
    });
    assert.equal(res.status, 204);
    assert.equal(res.body, '');
  });

  test("errors use Dapr's body, not problem+json", async () => {
    const res = await container.inject({
      method: 'POST',
      url: '/v1.0/bindings/ghost',
      headers: auth,
      body: { operation: 'x' },
    });
    assert.equal(res.status, 500);
    assert.equal(res.headers['content-type'], 'application/json');
    assert.deepEqual(res.json(), {
      errorCode: 'ERR_INVOKE_OUTPUT_BINDING',
      message: "error invoking output binding ghost: couldn't find output binding ghost",
    });
    const malformed = await container.inject({
      method: 'POST',
      url: '/v1.0/bindings/fake',
      headers: auth,
      body: '{',
    });
    assert.equal(malformed.status, 400);
    assert.equal((malformed.json() as { errorCode: string }).errorCode, 'ERR_MALFORMED_REQUEST');
    const get = await container.inject({ method: 'GET', url: '/v1.0/bindings/fake', headers: auth });
    assert.equal(get.status, 404);
    assert.equal((get.json() as { errorCode: string }).errorCode, 'ERR_DIRECT_INVOKE');
  });

  test('the token filter guards everything but healthz', async () => {
    const denied = await container.inject({ method: 'GET', url: '/v1.0/metadata' });
    assert.equal(denied.status, 401);
    assert.equal(denied.body, 'invalid api token');
    assert.equal((await container.inject({ method: 'GET', url: '/v1.0/healthz' })).status, 204);
    assert.equal((await container.inject({ method: 'GET', url: '/v1.0/healthz/outbound' })).status, 204);
    const metadata = await container.inject({ method: 'GET', url: '/v1.0/metadata', headers: auth });
    assert.equal(metadata.status, 200);
    assert.equal((metadata.json() as { id: string }).id, 'svc');
  });

  test('PUT /v1.0/metadata/{key} and POST /v1.0/shutdown', async () => {
    const put = await container.inject({
      method: 'PUT',
      url: '/v1.0/metadata/owner',
      headers: auth,
      body: 'team-a',
    });
    assert.equal(put.status, 204);
    const metadata = await container.inject({ method: 'GET', url: '/v1.0/metadata', headers: auth });
    assert.equal((metadata.json() as { extended: Record<string, string> }).extended.owner, 'team-a');
    assert.equal(
      (await container.inject({ method: 'POST', url: '/v1.0/shutdown', headers: auth })).status,
      204,
    );
  });

  test('over a socket too', async () => {
    const address = await container.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`http://127.0.0.1:${address.port}/v1.0/bindings/fake`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ operation: 'echo', data: 'text' }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('metadata.greeting'), 'hello');
    assert.equal(await res.text(), '"text"');
  });
});
