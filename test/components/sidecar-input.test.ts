import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { Sidecar } from '../../src/components/api/sidecar.js';
import { Container, WebService } from '../../src/service/index.js';
import { silentLogger, tempDir } from './support.js';

const cronFile = (name: string, extra = '') => `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: bindings.cron
  version: v1
  metadata:
  - name: schedule
    value: "@every 1s"
${extra}`;

test('--app-port: the sidecar waits for the app, probes it, then POSTs each event to it', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'tick.yaml'), cronFile('tick'));
  await writeFile(join(dir, 'unheard.yaml'), cronFile('unheard'));
  const seen: { path: string; headers: Record<string, unknown> }[] = [];
  const app = new Container({ logger: false });
  const ws = new WebService('/');
  ws.post('/tick').to((_input, _deps, ctx) => {
    seen.push({ path: ctx.path, headers: { ...ctx.req.headers } });
    return { ok: true };
  });
  app.add(ws);
  // The app's port is chosen first but opened only after the sidecar started: it must wait.
  const appPort = await freePort();
  const sidecar = new Sidecar({
    resourcesPaths: [dir],
    httpPort: 0,
    grpcPort: 0,
    appPort,
    logger: silentLogger(),
  });
  try {
    await sidecar.start();
    assert.ok(sidecar.inputReady);
    await new Promise((r) => setTimeout(r, 300));
    await app.listen({ port: appPort, host: '127.0.0.1' });
    assert.deepEqual(await sidecar.inputReady, ['tick']);
    const deadline = Date.now() + 5000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(seen.length >= 1, 'no event reached the app');
    assert.equal(seen[0]!.path, '/tick');
    assert.equal(seen[0]!.headers.timezone, 'Local');
    assert.match(String(seen[0]!.headers.readtimeutc), /\+0000 UTC$/);
  } finally {
    await sidecar.close();
    await app.close();
  }
});

test('--app-protocol other than http: events are not sent to the app over a protocol it does not speak', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'tick.yaml'), cronFile('tick'));
  const heard: string[] = [];
  const app = createHttpServer((req, res) => {
    heard.push(`${req.method} ${req.url}`);
    res.end();
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const appPort = (app.address() as { port: number }).port;
  const sidecar = new Sidecar({
    resourcesPaths: [dir],
    httpPort: 0,
    grpcPort: 0,
    appPort,
    appProtocol: 'grpc',
    logger: silentLogger(),
  });
  try {
    await sidecar.start();
    assert.deepEqual(await sidecar.inputReady, []);
    assert.deepEqual(heard, []);
  } finally {
    await sidecar.close();
    await new Promise((resolve) => app.close(resolve));
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
