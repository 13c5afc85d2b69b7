import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CommunicationProtocolEnum, DaprClient, LogLevel } from '@dapr/dapr';
import { Sidecar } from '../../src/components/api/sidecar.js';
import { silentLogger, tempDir } from './support.js';

/** The official Dapr SDK, unchanged, against Bindery's sidecar over both protocols. */
let sidecar: Sidecar;
let ports = { httpPort: 0, grpcPort: 0 };
let dataDir = '';

before(async () => {
  const components = await tempDir('bindery-sdk-');
  dataDir = join(components, 'data');
  await writeFile(
    join(components, 'files.yaml'),
    `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: files
spec:
  type: bindings.localstorage
  version: v1
  metadata:
  - name: rootPath
    value: ${JSON.stringify(dataDir)}
`,
  );
  sidecar = new Sidecar({
    resourcesPaths: [components],
    appId: 'sdk-test',
    httpPort: 0,
    grpcPort: 0,
    logger: silentLogger(),
    apiToken: 'sdk-token',
  });
  ports = await sidecar.start();
});
after(() => sidecar.close());

function client(protocol: CommunicationProtocolEnum): DaprClient {
  const port = protocol === CommunicationProtocolEnum.HTTP ? ports.httpPort : ports.grpcPort;
  return new DaprClient({
    daprHost: '127.0.0.1',
    daprPort: String(port),
    communicationProtocol: protocol,
    daprApiToken: 'sdk-token',
    logger: { level: LogLevel.Error },
  });
}

describe('@dapr/dapr over HTTP', () => {
  test("binding.send creates and reads a file; errors carry Dapr's body", async () => {
    const dapr = client(CommunicationProtocolEnum.HTTP);
    const created = await dapr.binding.send('files', 'create', { order: 1 }, { fileName: 'http.json' });
    assert.deepEqual(created, { fileName: 'http.json' });
    assert.deepEqual(await dapr.binding.send('files', 'get', undefined, { fileName: 'http.json' }), {
      order: 1,
    });
    assert.equal(await dapr.binding.send('files', 'delete', undefined, { fileName: 'http.json' }), '');
    const error = (await dapr.binding.send('files', 'rename', {}, {}).catch((e: unknown) => e)) as Error;
    const parsed = JSON.parse(error.message) as { status: number; error_msg: string };
    assert.equal(parsed.status, 500);
    assert.deepEqual(JSON.parse(parsed.error_msg), {
      errorCode: 'ERR_INVOKE_OUTPUT_BINDING',
      message:
        'error invoking output binding files: binding files does not support operation rename. supported operations:create get list delete',
    });
    assert.equal(await dapr.health.isHealthy(), true);
    await dapr.stop();
  });
});

describe('@dapr/dapr over gRPC', () => {
  test('binding.send returns data bytes and metadata; errors are Internal with the text', async () => {
    const dapr = client(CommunicationProtocolEnum.GRPC);
    // Over gRPC the SDK answers { data: Uint8Array, metadata, operation } (typed as object).
    const created = (await dapr.binding.send('files', 'create', 'grpc text', { fileName: 'grpc.txt' })) as {
      data: Uint8Array;
    };
    assert.deepEqual(JSON.parse(Buffer.from(created.data).toString()), { fileName: 'grpc.txt' });
    const got = (await dapr.binding.send('files', 'get', undefined, { fileName: 'grpc.txt' })) as {
      data: Uint8Array;
    };
    assert.equal(Buffer.from(got.data).toString(), 'grpc text');
    const error = (await dapr.binding.send('ghost', 'get', undefined, {}).catch((e: unknown) => e)) as Error;
    assert.match(error.message, /error invoking output binding ghost: couldn't find output binding ghost/);
    await dapr.stop();
  });
});
