import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Container, WebService } from '../../src/index.js';

/** Reads from a raw socket until `done` says the text so far is complete, or the socket ends. */
function readUntil(socket: Socket, done: (text: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const finish = () => {
      socket.off('data', onData);
      resolve(text);
    };
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (done(text)) finish();
    };
    socket.on('data', onData);
    socket.once('close', finish);
  });
}

const answered = (count: number) => (text: string) => text.split('\r\n\r\n{').length > count;

/** A connection to the container, once it is established. */
function openSocket(port: number): Promise<Socket> {
  return new Promise<Socket>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
  });
}

test('answers on kept-alive connections during close() say Connection: close, so none is reset', async () => {
  let release: () => void = () => {};
  const ws = new WebService('/');
  ws.get('/slow').to(() => new Promise((resolve) => (release = () => resolve({ slow: true }))));
  ws.get('/fast').to(() => ({ fast: true }));
  const container = new Container({ logger: false }).add(ws);
  const { port } = await container.listen({ port: 0 });
  const open = () => openSocket(port);
  // A kept-alive connection that has served a request, and one whose request is in flight.
  const warm = await open();
  warm.write('GET /fast HTTP/1.1\r\nHost: a\r\n\r\n');
  const first = await readUntil(warm, answered(1));
  assert.match(first, /keep-alive/i);
  const busy = await open();
  busy.write('GET /slow HTTP/1.1\r\nHost: a\r\n\r\n');
  await sleep(50);
  const closing = container.close();
  await sleep(20);
  release();
  const slow = await readUntil(busy, answered(1));
  assert.match(slow, /^HTTP\/1\.1 200/);
  assert.match(slow, /\r\nconnection: close\r\n/i);
  // The idle connection is closed in order (a FIN, no reset) once the grace is over: its client
  // opens a new one.
  let warmError: Error | undefined;
  warm.on('error', (error) => {
    warmError = error;
  });
  const warmClosed = warm.closed ? Promise.resolve() : new Promise((resolve) => warm.once('close', resolve));
  warm.resume();
  await closing;
  await warmClosed;
  assert.equal(warmError, undefined, 'closed without a reset');
  for (const socket of [warm, busy]) socket.destroy();
});

test('requests sent on idle kept-alive connections while close() runs are all answered', async () => {
  const ws = new WebService('/');
  ws.get('/fast').to(() => ({ fast: true }));
  const container = new Container({ logger: false }).add(ws);
  const { port } = await container.listen({ port: 0 });
  const open = () => openSocket(port);
  // Kept-alive connections that each served a request and now sit idle, as a loaded client's do
  // between an answer and its next request.
  const sockets = await Promise.all(Array.from({ length: 20 }, open));
  for (const socket of sockets) socket.write('GET /fast HTTP/1.1\r\nHost: a\r\n\r\n');
  for (const first of await Promise.all(sockets.map((s) => readUntil(s, answered(1)))))
    assert.match(first, /keep-alive/i);
  const closing = container.close();
  // The next request is already on its way when the server begins to close.
  const answers = sockets.map((socket) => {
    const read = readUntil(socket, answered(1));
    socket.write('GET /fast HTTP/1.1\r\nHost: a\r\n\r\n');
    return read;
  });
  for (const second of await Promise.all(answers)) {
    assert.match(second, /^HTTP\/1\.1 200/, 'every request is answered, none is reset');
    assert.match(second, /\r\nconnection: close\r\n/i);
  }
  await closing;
  for (const socket of sockets) socket.destroy();
});
