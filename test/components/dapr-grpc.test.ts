import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { DaprGrpcServer } from '../../src/components/api/dapr-grpc-server.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { fakeBinding, fakeInstances } from './fake-binding.js';
import { silentLogger } from './support.js';

type Unary<Req, Res> = (
  request: Req,
  metadata: grpc.Metadata,
  callback: (error: grpc.ServiceError | null, response: Res) => void,
) => grpc.ClientUnaryCall;

interface DaprClient extends grpc.Client {
  InvokeBinding: Unary<
    { name: string; data?: Buffer; metadata?: Record<string, string>; operation: string },
    { data: Buffer; metadata: Record<string, string> }
  >;
  GetMetadata: Unary<
    Record<string, never>,
    {
      id: string;
      registered_components: { name: string; type: string; capabilities: string[] }[];
      runtime_version: string;
    }
  >;
}

const runtime = new BindingsRuntime({ types: [fakeBinding], logger: silentLogger(), appId: 'grpc-app' });
runtime.add({ name: 'fake', type: 'bindings.fake', metadata: { greeting: 'hello' } });
const server = new DaprGrpcServer(runtime, { apiToken: 'tok' });
let client: DaprClient;

before(async () => {
  await runtime.start();
  const port = await server.listen(0);
  const proto = fileURLToPath(new URL('./dapr.proto', import.meta.url));
  const definition = grpc.loadPackageDefinition(
    protoLoader.loadSync(proto, { keepCase: true, defaults: true }),
  ) as unknown as {
    dapr: {
      proto: {
        runtime: { v1: { Dapr: new (address: string, credentials: grpc.ChannelCredentials) => DaprClient } };
      };
    };
  };
  client = new definition.dapr.proto.runtime.v1.Dapr(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});
after(async () => {
  client.close();
  await server.close();
  await runtime.close();
});

function call<Req, Res>(
  method: Unary<Req, Res>,
  request: Req,
  metadata: Record<string, string> = { 'dapr-api-token': 'tok' },
) {
  const md = new grpc.Metadata();
  for (const [k, v] of Object.entries(metadata)) md.set(k, v);
  return new Promise<{ error: grpc.ServiceError | null; response: Res; headers: grpc.Metadata }>(
    (resolve) => {
      let headers = new grpc.Metadata();
      const c = method.call(client, request, md, (error, response) => resolve({ error, response, headers }));
      c.on('metadata', (m) => {
        headers = m;
      });
    },
  );
}

/** Reads ErrorInfo out of grpc-status-details-bin by hand (field numbers of google.rpc.*). */
function fields(buffer: Buffer): Map<number, Buffer[]> {
  const out = new Map<number, Buffer[]>();
  let i = 0;
  const varint = () => {
    let shift = 0;
    let value = 0;
    for (;;) {
      const byte = buffer[i++]!;
      value |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
      shift += 7;
    }
  };
  while (i < buffer.length) {
    const tag = varint();
    if ((tag & 7) === 0) {
      out.set(tag >> 3, [...(out.get(tag >> 3) ?? []), Buffer.from([varint()])]);
    } else {
      const length = varint();
      out.set(tag >> 3, [...(out.get(tag >> 3) ?? []), buffer.subarray(i, i + length)]);
      i += length;
    }
  }
  return out;
}

/** The ErrorInfo of an error's grpc-status-details-bin trailer. */
function errorInfo(error: grpc.ServiceError): {
  reason: string;
  domain: string;
  metadata: Record<string, string>;
} {
  const status = fields(error.metadata.get('grpc-status-details-bin')[0] as Buffer);
  const info = fields(fields(status.get(3)![0]!).get(2)![0]!);
  const metadata: Record<string, string> = {};
  for (const entry of info.get(3) ?? []) {
    const pair = fields(entry);
    metadata[pair.get(1)![0]!.toString()] = pair.get(2)![0]!.toString();
  }
  return { reason: info.get(1)![0]!.toString(), domain: info.get(2)![0]!.toString(), metadata };
}

describe('dapr.proto.runtime.v1.Dapr', () => {
  test('InvokeBinding passes data raw and answers data, metadata and metadata.* headers', async () => {
    const { error, response, headers } = await call(
      client.InvokeBinding,
      {
        name: 'fake',
        operation: 'echo',
        data: Buffer.from('raw bytes'),
        metadata: { key: 'k', 'user-agent': 'mine' },
      },
      { 'dapr-api-token': 'tok', 'x-tenant': 'acme', 'grpc-custom': 'c' },
    );
    assert.equal(error, null);
    assert.equal(response.data.toString(), 'raw bytes');
    assert.equal(response.metadata.greeting, 'hello');
    assert.deepEqual(headers.get('metadata.greeting'), ['hello']);
    // Incoming gRPC headers are merged in, never over a request key; the token is not passed on.
    const seen = fakeInstances.find((i) => i.name === 'fake')!.requests.at(-1) as {
      metadata: Record<string, string>;
    };
    assert.equal(seen.metadata['user-agent'], 'mine');
    assert.equal(seen.metadata['x-tenant'], 'acme');
    assert.equal(seen.metadata['dapr-grpc-custom'], 'c');
    assert.equal(seen.metadata['grpc-custom'], undefined);
    assert.equal(seen.metadata.key, 'k');
    assert.equal(seen.metadata['dapr-api-token'], undefined);
  });

  test('with the Configuration\'s samplingRate "0" the component gets the metadata with no trace context added', async () => {
    const configuration = { allowedApis: [], deniedApis: [], samplingRate: '0' };
    const untraced = new DaprGrpcServer(runtime, { apiToken: 'tok', configuration });
    const port = await untraced.listen(0);
    const shared = client;
    client = new (client.constructor as new (a: string, c: grpc.ChannelCredentials) => DaprClient)(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    );
    try {
      const { error } = await call(client.InvokeBinding, {
        name: 'fake',
        operation: 'echo',
        metadata: { a: 'b' },
      });
      assert.equal(error, null);
      const seen = fakeInstances.find((i) => i.name === 'fake')!.requests.at(-1) as {
        metadata: Record<string, string>;
      };
      assert.equal(seen.metadata.a, 'b');
      assert.equal(seen.metadata.traceparent, undefined);
    } finally {
      client.close();
      client = shared;
      await untraced.close();
    }
  });

  test('a component answering nothing gives an empty response', async () => {
    const { error, response } = await call(client.InvokeBinding, { name: 'fake', operation: 'nothing' });
    assert.equal(error, null);
    assert.equal(response.data.length, 0);
  });

  test("errors are Internal with Dapr's text and an ErrorInfo detail", async () => {
    const { error } = await call(client.InvokeBinding, { name: 'fake', operation: 'fail-with-response' });
    assert.equal(error?.code, grpc.status.INTERNAL);
    assert.equal(error?.details, 'error invoking output binding fake: received status code 418');
    assert.deepEqual(error?.metadata.get('metadata.statuscode'), ['418']);
    const status = fields(error!.metadata.get('grpc-status-details-bin')[0] as Buffer);
    assert.equal(
      status.get(2)![0]!.toString(),
      'error invoking output binding fake: received status code 418',
    );
    const any = fields(status.get(3)![0]!);
    assert.equal(any.get(1)![0]!.toString(), 'type.googleapis.com/google.rpc.ErrorInfo');
    const info = fields(any.get(2)![0]!);
    assert.equal(info.get(1)![0]!.toString(), 'ERR_INVOKE_OUTPUT_BINDING');
    assert.equal(info.get(2)![0]!.toString(), 'dapr.io');
    const entry = fields(info.get(3)![0]!);
    assert.deepEqual(
      [entry.get(1)![0]!.toString(), entry.get(2)![0]!.toString()],
      ['data', '{"reason":"teapot"}'],
    );

    const missing = await call(client.InvokeBinding, { name: 'nope', operation: 'x' });
    assert.equal(
      missing.error?.details,
      "error invoking output binding nope: couldn't find output binding nope",
    );
  });

  test('GetMetadata lists the components', async () => {
    const { error, response } = await call(client.GetMetadata, {});
    assert.equal(error, null);
    assert.equal(response.id, 'grpc-app');
    assert.deepEqual(
      response.registered_components.map((c) => [c.name, c.type, c.capabilities]),
      [['fake', 'bindings.fake', ['OUTPUT_BINDING']]],
    );
    assert.ok(response.runtime_version.length > 0);
  });

  test("the API token is required: Unauthenticated 'Unauthorized', the reason in ErrorInfo", async () => {
    const missing = await call(client.GetMetadata, {}, {});
    assert.equal(missing.error?.code, grpc.status.UNAUTHENTICATED);
    assert.equal(missing.error?.details, 'Unauthorized');
    assert.deepEqual(errorInfo(missing.error!), {
      reason: 'Unauthorized',
      domain: 'dapr.io',
      metadata: { 'http.code': '401', 'http.error_message': 'missing api token in request metadata' },
    });
    const wrong = await call(
      client.InvokeBinding,
      { name: 'fake', operation: 'echo' },
      { 'dapr-api-token': 'nope' },
    );
    assert.equal(wrong.error?.details, 'Unauthorized');
    assert.equal(
      errorInfo(wrong.error!).metadata['http.error_message'],
      'authentication error: api token mismatch',
    );
  });

  test('GetMetadata carries the app connection and actor runtime members the SDKs read', async () => {
    const { response } = (await call(client.GetMetadata, {})) as unknown as {
      response: {
        app_connection_properties: { protocol: string; channel_address: string };
        actor_runtime: { runtime_status: number; host_ready: boolean };
      };
    };
    assert.equal(response.app_connection_properties.protocol, 'http');
    assert.equal(response.app_connection_properties.channel_address, '127.0.0.1');
    assert.equal(response.actor_runtime.runtime_status, 1); // ActorRuntimeStatus.DISABLED
    assert.equal(response.actor_runtime.host_ready, false);
  });
});
