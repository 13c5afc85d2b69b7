import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Container, created, t, WebService } from '../../src/index.js';

function open(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
  });
}

/** The text received until `done` holds or the socket ends. */
function receive(socket: Socket, done: (text: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const finish = () => resolve(text);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (done(text)) finish();
    });
    socket.once('close', finish);
    socket.once('error', finish);
  });
}

const complete = (text: string) => /\r\n\r\n[\s\S]*\}$/.test(text);

describe('bodies decided from their headers', () => {
  let container: Container;
  let port: number;
  before(async () => {
    const ws = new WebService('/');
    ws.post('/ignored')
      .limits({ bodySize: 100 })
      .to(() => created({ stored: true }));
    ws.post('/read')
      .limits({ bodySize: 100 })
      .bind({ body: t.Object({ n: t.Integer() }) })
      .to(({ body }) => created(body));
    container = new Container({ logger: false }).add(ws);
    port = (await container.listen({ port: 0 })).port;
  });
  after(() => container.close());

  test('a declared length over the limit is 413 even when the handler never reads the body', async () => {
    const res = await container.inject({
      method: 'POST',
      url: '/ignored',
      headers: { 'content-type': 'application/octet-stream' },
      body: 'x'.repeat(500),
    });
    assert.equal(res.status, 413);
    assert.equal((res.json() as { code: string }).code, 'BND_ERR_PAYLOAD_TOO_LARGE');
  });

  test('Expect: 100-continue with a huge length gets the 413 and never a 100 Continue', async () => {
    const socket = await open(port);
    const answer = receive(socket, complete);
    socket.write(
      'POST /read HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 2147483648\r\nExpect: 100-continue\r\n\r\n',
    );
    const text = await answer;
    socket.destroy();
    assert.match(text, /^HTTP\/1\.1 413 /);
    assert.doesNotMatch(text, /100 Continue/);
  });

  test('an admitted body gets 100 Continue first, then the answer', async () => {
    const socket = await open(port);
    const body = '{"n":7}';
    const continued = receive(socket, (text) => text.includes('100 Continue\r\n\r\n'));
    socket.write(
      `POST /read HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
    );
    assert.match(await continued, /^HTTP\/1\.1 100 Continue/);
    socket.removeAllListeners('data');
    const answer = receive(socket, complete);
    socket.write(body);
    const text = await answer;
    socket.destroy();
    assert.match(text, /^HTTP\/1\.1 201 /);
    assert.match(text, /\{"n":7\}$/);
  });
});

test('the 413 reaches a client that asked for Connection: close and keeps sending', async () => {
  const ws = new WebService('/');
  ws.post('/small')
    .limits({ bodySize: 100 })
    .to(() => created({ stored: true }));
  const container = new Container({ logger: false }).add(ws);
  const { port } = await container.listen({ port: 0 });
  const socket = await open(port);
  let failure: Error | undefined;
  socket.on('error', (error) => {
    failure = error;
  });
  const answer = receive(socket, () => false);
  socket.write(
    'POST /small HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Type: application/octet-stream\r\nContent-Length: 8388608\r\n\r\n',
  );
  // The client goes on sending its body as fast as it can, while the server has long answered.
  const chunk = Buffer.alloc(256 * 1024, 120);
  const pump = () => {
    while (socket.writable && socket.write(chunk)) {}
  };
  socket.on('drain', pump);
  pump();
  const text = await answer;
  assert.match(text, /^HTTP\/1\.1 413 /);
  assert.match(text, /BND_ERR_PAYLOAD_TOO_LARGE/);
  assert.equal(failure, undefined, `the connection was reset: ${String(failure)}`);
  socket.destroy();
  await container.close();
});
