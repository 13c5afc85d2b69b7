import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Container, WebService } from '../../src/index.js';

/** Sends one request line as written (no client library normalizes the path) and reads the head. */
function head(port: number, method: string, path: string): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `${method} ${path} HTTP/1.1\r\nHost: own.example\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
    });
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
    });
    socket.once('error', reject);
    socket.once('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      const location = /\r\nlocation: ([^\r]*)/i.exec(text)?.[1];
      resolve(location === undefined ? { status } : { status, location });
    });
  });
}

describe("the trailing-slash redirect of a container with trailingSlash: 'redirect'", () => {
  let container: Container;
  let port: number;
  before(async () => {
    const ws = new WebService('/');
    // Any path is a route here, so every hostile path reaches the redirect.
    ws.get('/{rest:path}').to(() => 'any');
    ws.post('/{rest:path}').to(() => 'posted');
    container = new Container({ logger: false, trailingSlash: 'redirect' }).add(ws);
    port = (await container.listen({ port: 0, host: '127.0.0.1' })).port;
  });
  after(() => container.close());

  test('never sends the client to another host, whatever the path begins with', async () => {
    const paths = [
      '//evil.example/',
      '///evil.example/',
      '/\\evil.example/',
      '/%2Fevil.example/',
      '/%5Cevil.example/',
      '/files//evil.example/',
      '//evil.example/?next=//evil.example/',
    ];
    for (const path of paths) {
      const { status, location } = await head(port, 'GET', path);
      assert.equal(status, 301, path);
      assert.ok(location !== undefined, path);
      assert.match(location, /^\/(?![/\\])/, `${path} → ${location}`);
      assert.equal(new URL(location, 'http://own.example').host, 'own.example', `${path} → ${location}`);
    }
  });

  test('keeps the query and answers 308 for methods with a body', async () => {
    assert.deepEqual(await head(port, 'GET', '/plain/?a=1'), { status: 301, location: '/plain?a=1' });
    assert.deepEqual(await head(port, 'POST', '/files/a/b/'), { status: 308, location: '/files/a/b' });
  });
});
