import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CommunicationProtocolEnum, DaprClient, LogLevel } from '@dapr/dapr';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { loadDaprConfiguration } from '../../src/components/api/dapr-configuration.js';
import { Sidecar, type SidecarOptions } from '../../src/components/api/sidecar.js';
import { cleanRequestTarget } from '../../src/components/api/sidecar-http-servers.js';
import { captureLogger, silentLogger, tempDir } from './support.js';

/** The sidecar behaving as daprd does at its edges: limits, unknown routes, paths, allow lists. */
let components = '';

before(async () => {
  components = await mkdtemp(join(tmpdir(), 'bindery-daprd-'));
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
    value: ${JSON.stringify(join(components, 'data'))}
  - name: decodeBase64
    value: "false"
`,
  );
});
after(() => rm(components, { recursive: true, force: true }));

async function started(options: Partial<SidecarOptions> = {}) {
  const sidecar = new Sidecar({
    resourcesPaths: [components],
    httpPort: 0,
    grpcPort: 0,
    logger: silentLogger(),
    apiToken: '',
    ...options,
  });
  const ports = await sidecar.start();
  after(() => sidecar.close());
  const http = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${ports.httpPort}${path}`, init);
  return { sidecar, ports, http };
}

function grpcClient(port: number) {
  const proto = fileURLToPath(new URL('../../src/components/api/dapr.proto', import.meta.url));
  const loaded = grpc.loadPackageDefinition(
    protoLoader.loadSync(proto, { keepCase: true, defaults: true }),
  ) as unknown as {
    dapr: {
      proto: { runtime: { v1: { Dapr: new (a: string, c: grpc.ChannelCredentials) => grpc.Client } } };
    };
  };
  const client = new loaded.dapr.proto.runtime.v1.Dapr(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  );
  after(() => client.close());
  return (method: string, request: object) =>
    new Promise<{ error: grpc.ServiceError | null; response: unknown }>((resolve) => {
      (
        client as unknown as Record<
          string,
          (r: object, cb: (e: grpc.ServiceError | null, r: unknown) => void) => void
        >
      )[method]!.call(client, request, (error, response) => resolve({ error, response }));
    });
}

describe('--max-body-size', () => {
  test('an HTTP body over the limit is 400 ERR_MALFORMED_REQUEST, as daprd answers', async () => {
    const { http } = await started({ maxBodySize: 1024 });
    const body = JSON.stringify({ operation: 'create', data: 'x'.repeat(2000) });
    const res = await http('/v1.0/bindings/files', { method: 'POST', body });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), {
      errorCode: 'ERR_MALFORMED_REQUEST',
      message: 'failed deserializing HTTP body: stream too large',
    });
    const metadata = await http('/v1.0/metadata/big', { method: 'PUT', body: 'x'.repeat(2000) });
    assert.equal(metadata.status, 400);
    assert.deepEqual(await metadata.json(), {
      errorCode: 'ERR_BODY_READ',
      message: 'failed to read request body: stream too large',
    });
    const small = await http('/v1.0/bindings/files', {
      method: 'POST',
      body: JSON.stringify({ operation: 'create', data: 'ok', metadata: { fileName: 'small.txt' } }),
    });
    assert.equal(small.status, 200);
  });

  test('a 10 MB message from the Dapr SDK over gRPC is RESOURCE_EXHAUSTED, and the next call works', async () => {
    const { ports } = await started();
    const dapr = new DaprClient({
      daprHost: '127.0.0.1',
      daprPort: String(ports.grpcPort),
      communicationProtocol: CommunicationProtocolEnum.GRPC,
      logger: { level: LogLevel.Error },
      maxBodySizeMb: 20,
    });
    await assert.rejects(
      dapr.binding.send('files', 'create', Buffer.alloc(10 * 1024 * 1024), { fileName: 'big.bin' }),
      /resource_exhausted.*grpc: received message larger than max \(10485760 vs\. 4194304\)/,
    );
    const ok = (await dapr.binding.send('files', 'create', Buffer.from('fine'), {
      fileName: 'fine.bin',
    })) as {
      data: Uint8Array;
    };
    assert.deepEqual(JSON.parse(Buffer.from(ok.data).toString()), { fileName: 'fine.bin' });
  });
});

describe('requests no API route takes', () => {
  test("get daprd's fallback answer, in Dapr's error shape", async () => {
    const { http } = await started();
    const noApp = {
      errorCode: 'ERR_DIRECT_INVOKE',
      message: 'failed getting app id either from the URL path or the header dapr-app-id',
    };
    for (const [method, path] of [
      ['GET', '/v1.0/nope'],
      ['DELETE', '/v1.0/metadata'],
      ['GET', '/v1.0/shutdown'],
      ['GET', '/v1.0-alpha1/jobs/x'],
      ['POST', '/somewhere'],
    ] as const) {
      const res = await http(path, { method });
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(await res.json(), noApp, `${method} ${path}`);
    }
    const named = await http('/v1.0/invoke/other/method/x', { headers: { 'dapr-app-id': 'other' } });
    assert.equal(named.status, 500);
    assert.deepEqual(await named.json(), {
      errorCode: 'ERR_DIRECT_INVOKE',
      message: 'invoke API is not ready',
    });
  });

  test('need the API token like every other route', async () => {
    const { http } = await started({ apiToken: 'tok' });
    const res = await http('/v1.0/nope');
    assert.equal(res.status, 401);
    assert.equal(await res.text(), 'invalid api token');
  });
});

describe('paths', () => {
  test("`//`, `.` and `..` are cleaned as daprd's router cleans them", async () => {
    const { http } = await started();
    const res = await http('/v1.0//bindings//files', {
      method: 'POST',
      body: JSON.stringify({ operation: 'create', data: 'clean', metadata: { fileName: 'clean.txt' } }),
    });
    assert.equal(res.status, 200);
    assert.equal((await http('/v1.0/./metadata/')).status, 200);
    assert.equal((await http('/v1.0/bindings/../healthz')).status, 204);
    assert.equal(cleanRequestTarget('//v1.0//metadata/?a=b//c'), '/v1.0/metadata?a=b//c');
  });
});

describe('--config', () => {
  test('API allow lists remove HTTP routes and refuse gRPC methods with Unimplemented', async () => {
    const dir = await tempDir('bindery-config-');
    const file = join(dir, 'config.yaml');
    await writeFile(
      file,
      `apiVersion: dapr.io/v1alpha1
kind: Configuration
metadata:
  name: appconfig
spec:
  api:
    allowed:
      - name: metadata
        version: v1.0
        protocol: http
      - name: bindings
        version: v1
        protocol: grpc
  features:
    - name: Resiliency
      enabled: true
    - name: Off
      enabled: false
  httpPipeline:
    handlers: []
`,
    );
    const configuration = await loadDaprConfiguration([file]);
    assert.deepEqual(configuration.ignored, [
      `${file}: spec.httpPipeline is ignored: HTTP middleware components are not run`,
    ]);
    const { http, ports } = await started({ configuration });
    const invoke = await http('/v1.0/bindings/files', {
      method: 'POST',
      body: JSON.stringify({ operation: 'list' }),
    });
    assert.equal(invoke.status, 404);
    assert.equal(((await invoke.json()) as { errorCode: string }).errorCode, 'ERR_DIRECT_INVOKE');
    const metadata = (await (await http('/v1.0/metadata')).json()) as { enabledFeatures: string[] };
    assert.deepEqual(metadata.enabledFeatures, ['Resiliency']);
    assert.equal((await http('/v1.0/healthz')).status, 204);

    const call = grpcClient(ports.grpcPort);
    const refused = await call('GetMetadata', {});
    assert.equal(refused.error?.code, grpc.status.UNIMPLEMENTED);
    assert.equal(refused.error?.details, 'Not Implemented');
    const allowed = await call('InvokeBinding', { name: 'files', operation: 'list' });
    assert.equal(allowed.error, null);
  });

  test('API logging from the configuration, without health checks when it says so', async () => {
    const dir = await tempDir('bindery-config-');
    const file = join(dir, 'config.yaml');
    await writeFile(
      file,
      'kind: Configuration\nspec:\n  logging:\n    apiLogging:\n      enabled: true\n      omitHealthChecks: true\n      obfuscateURLs: true\n',
    );
    const { logger, lines } = captureLogger();
    const { http, ports } = await started({ configuration: await loadDaprConfiguration([file]), logger });
    await http('/v1.0/healthz');
    await http('/v1.0/metadata/secret-name', { method: 'PUT', body: 'v' });
    await grpcClient(ports.grpcPort)('GetMetadata', {});
    const calls = lines.filter((l) => l.msg.endsWith('API Called')).map((l) => [l.msg, l.method, l.code]);
    assert.deepEqual(calls, [
      ['HTTP API Called', '/v1.0/metadata/{key}', 204],
      ['gRPC API Called', '/dapr.proto.runtime.v1.Dapr/GetMetadata', 0],
    ]);
  });

  test('spec.components.deny keeps those component types from loading', async () => {
    const dir = await tempDir('bindery-config-');
    const file = join(dir, 'config.yaml');
    await writeFile(
      file,
      'kind: Configuration\nspec:\n  components:\n    deny:\n      - bindings.localstorage\n',
    );
    const { http } = await started({ configuration: await loadDaprConfiguration([file]) });
    const res = await http('/v1.0/bindings/files', {
      method: 'POST',
      body: JSON.stringify({ operation: 'list' }),
    });
    assert.equal(res.status, 500);
    assert.match(((await res.json()) as { message: string }).message, /couldn.t find output binding files/);
  });

  test('environment variables ($VAR, {VAR}) in a configuration file is read from the environment, and later files win', async () => {
    const dir = await tempDir('bindery-config-');
    await writeFile(join(dir, 'a.yaml'), `spec:\n  tracing:\n    samplingRate: "$\{RATE}"\n`);
    await writeFile(join(dir, 'b.yaml'), 'spec:\n  features:\n    - name: B\n      enabled: true\n');
    const configuration = await loadDaprConfiguration([join(dir, 'a.yaml'), join(dir, 'b.yaml')], {
      RATE: '0',
    });
    assert.equal(configuration.samplingRate, '0');
    assert.deepEqual(configuration.features, ['B']);
  });
});
