import assert from 'node:assert/strict';
import { get } from 'node:http';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultLimits } from '../../src/http/limits.js';
import { Container, WebService } from '../../src/index.js';
import { createHttpServer, listenOn } from '../../src/service/server.js';

function fetchStatus(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/x', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

function openSilent(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      // Half a request, then nothing: never more bytes, never a read, never a close.
      socket.pause();
      socket.write('GET /x HTTP/1.1\r\nHost: a\r\n');
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

test('clients that never finish, read nor close are released soon after their 408', async () => {
  const ws = new WebService('/');
  ws.get('/x').to(() => ({ ok: true }));
  const container = new Container().add(ws);
  await container.ready();
  const limits = { ...defaultLimits, headersTimeout: 300, requestTimeout: 300 };
  const server = createHttpServer(container.handler, limits);
  const { port } = await listenOn(server, { port: 0 });
  const connections = () =>
    new Promise<number>((resolve, reject) =>
      server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
    );
  const silent: Socket[] = [];
  try {
    for (let i = 0; i < 200; i++) silent.push(await openSilent(port));
    // The server accepts what the kernel already connected a moment later, on a busy machine.
    for (let i = 0; i < 100 && (await connections()) < 200; i++) await sleep(20);
    assert.equal(await connections(), 200);
    // Fresh clients are served the whole time, and every silent one is let go.
    let served = 0;
    for (let round = 0; round < 300 && (await connections()) > 0; round++) {
      assert.equal(await fetchStatus(port), 200);
      served++;
      await sleep(50);
    }
    assert.equal(await connections(), 0, 'sockets of refused clients are still held');
    assert.ok(served > 0);
  } finally {
    for (const socket of silent) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
    await container.close();
  }
});
