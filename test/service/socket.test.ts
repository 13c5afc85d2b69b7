import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Container, compression, cors, t, WebService } from '../../src/index.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('over a real socket', () => {
  let container: Container;
  let port: number;
  let release: () => void = () => {};

  before(async () => {
    const ws = new WebService('/');
    ws.get('/x')
      .produces('application/json')
      .to(() => ({ text: 'y'.repeat(3000) }));
    ws.post('/json')
      .consumes('application/json')
      .to(() => ({ ok: true }));
    ws.post('/small')
      .limits({ bodySize: 100 })
      .bind({ body: t.Object({ text: t.String() }) })
      .to(({ body }) => ({ length: body.text.length }));
    ws.get('/slow').to(
      () =>
        new Promise((resolve) => {
          release = () => resolve({ finished: true });
        }),
    );
    container = new Container({ limits: { headerSize: 2048 } })
      .filter(cors({ origins: ['https://a.example'] }))
      .filter(compression())
      .add(ws);
    port = (await container.listen({ port: 0 })).port;
  });

  after(async () => {
    await container.close();
  });

  test('404, 405 with Allow, 406, 415', async () => {
    assert.equal((await send(port, 'GET', '/nope')).status, 404);
    const m = await send(port, 'DELETE', '/x');
    assert.equal(m.status, 405);
    assert.equal(m.headers.allow, 'GET, HEAD, OPTIONS');
    assert.equal((await send(port, 'GET', '/x', { accept: 'text/html' })).status, 406);
    const u = await send(port, 'POST', '/json', { 'content-type': 'text/plain' }, 'hi');
    assert.equal(u.status, 415);
    assert.equal(u.headers['content-type'], 'application/problem+json');
  });

  test('a body over the route limit is 413; under it, bound', async () => {
    const json = { 'content-type': 'application/json' };
    const big = await send(port, 'POST', '/small', json, JSON.stringify({ text: 'x'.repeat(500) }));
    assert.equal(big.status, 413);
    assert.equal(JSON.parse(big.body.toString()).code, 'BND_ERR_PAYLOAD_TOO_LARGE');
    const ok = await send(port, 'POST', '/small', json, JSON.stringify({ text: 'abc' }));
    assert.deepEqual(JSON.parse(ok.body.toString()), { length: 3 });
  });

  test('HEAD and OPTIONS', async () => {
    const head = await send(port, 'HEAD', '/x');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    const options = await send(port, 'OPTIONS', '/x');
    assert.equal(options.status, 204);
    assert.equal(options.headers.allow, 'GET, HEAD, OPTIONS');
  });

  test('a CORS preflight and a compressed answer', async () => {
    const pre = await send(port, 'OPTIONS', '/json', {
      origin: 'https://a.example',
      'access-control-request-method': 'POST',
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers['access-control-allow-methods'], 'POST, OPTIONS');
    const gz = await send(port, 'GET', '/x', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(JSON.parse(gunzipSync(gz.body).toString()).text.length, 3000);
  });

  test('headers over the limit are 431 problem+json', async () => {
    const res = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`GET /x HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(4096)}\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (d) => {
        text += d.toString();
      });
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    assert.match(res, /^HTTP\/1\.1 431/);
    assert.match(res, /application\/problem\+json/);
    assert.match(res, /BND_ERR_HEADERS_TOO_LARGE/);
  });

  test('close() lets a request in flight finish, then stops', async () => {
    const pending = send(port, 'GET', '/slow');
    await new Promise((r) => setTimeout(r, 50));
    const closing = container.close();
    await new Promise((r) => setTimeout(r, 50));
    release();
    const answer = await pending;
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.body.toString()), { finished: true });
    await closing;
    await assert.rejects(send(port, 'GET', '/x'));
  });
});

describe('slow clients', () => {
  test('headers that do not arrive in time get 408 problem+json', async () => {
    const container = new Container({ limits: { headersTimeout: 300, requestTimeout: 300 } }).add(
      new WebService('/'),
    );
    const { port } = await container.listen({ port: 0 });
    try {
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: a\r\n'));
        let text = '';
        socket.on('data', (d) => {
          text += d.toString();
        });
        socket.on('close', () => resolve(text));
        socket.on('error', () => resolve(text));
      });
      assert.match(answer, /^HTTP\/1\.1 408/);
      assert.match(answer, /BND_ERR_REQUEST_TIMEOUT/);
    } finally {
      await container.close();
    }
  });
});
