import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { silentLogger } from './support.js';

/** A server whose paths redirect as their names say; `/target` echoes what reached it. */
let server: Server;
let port = 0;

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const redirect = (status: number, location?: string) => {
        res.statusCode = status;
        if (location !== undefined) res.setHeader('location', location);
        res.end('moved');
      };
      const loop = /^\/loop\/(\d+)$/.exec(path);
      if (loop !== null) return redirect(302, `/loop/${Number(loop[1]) + 1}`);
      switch (path) {
        case '/found':
          return redirect(302, 'target');
        case '/see-other':
          return redirect(303, '/target');
        case '/temporary':
          return redirect(307, '/target');
        case '/permanent':
          return redirect(308, `http://127.0.0.1:${port}/target`);
        case '/elsewhere':
          // Another host name for the same server: credentials must not follow.
          return redirect(302, `http://localhost:${port}/target`);
        case '/no-location':
          return redirect(302);
        case '/ftp':
          return redirect(302, 'ftp://127.0.0.1/file');
        default:
          res.setHeader('content-type', 'application/json');
          return res.end(
            JSON.stringify({
              method: req.method,
              path,
              body: Buffer.concat(chunks).toString(),
              contentType: req.headers['content-type'] ?? null,
              authorization: req.headers.authorization ?? null,
              token: req.headers['x-token'] ?? null,
            }),
          );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('bindings.http follows redirects as Go’s client does', () => {
  let runtime: BindingsRuntime;
  before(async () => {
    runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({
      name: 'api',
      type: 'bindings.http',
      metadata: { url: `http://127.0.0.1:${port}/`, securityToken: 't0k', securityTokenHeader: 'X-Token' },
    });
    await runtime.start();
  });
  after(() => runtime.close());

  const echo = async (
    operation: string,
    path: string,
    data?: string,
    metadata: Record<string, string> = {},
  ) =>
    (await runtime.invoke('api', operation, data, { path, ...metadata })).json() as Record<string, unknown>;

  test('a GET follows a relative Location to the answer', async () => {
    const answer = await echo('get', '/found');
    assert.equal(answer.method, 'GET');
    assert.equal(answer.path, '/target');
    assert.equal(answer.token, 't0k', 'the headers of the first request go along');
  });

  test('301/302/303 after a POST become a GET without the body; 307/308 repeat method and body', async () => {
    const seeOther = await echo('create', '/see-other', '{"a":1}');
    assert.deepEqual(
      { method: seeOther.method, body: seeOther.body, contentType: seeOther.contentType },
      { method: 'GET', body: '', contentType: null },
    );
    assert.equal((await echo('post', '/found', '{"a":1}')).method, 'GET');
    const temporary = await echo('put', '/temporary', '{"a":2}');
    assert.deepEqual(
      { method: temporary.method, body: temporary.body, contentType: temporary.contentType },
      { method: 'PUT', body: '{"a":2}', contentType: 'application/json; charset=utf-8' },
    );
    const permanent = await echo('create', '/permanent', '{"a":3}');
    assert.deepEqual({ method: permanent.method, body: permanent.body }, { method: 'POST', body: '{"a":3}' });
  });

  test('credentials stay with their host; other headers follow', async () => {
    const same = await echo('get', '/found', undefined, { Authorization: 'Bearer secret' });
    assert.equal(same.authorization, 'Bearer secret');
    const away = await echo('get', '/elsewhere', undefined, { Authorization: 'Bearer secret' });
    assert.equal(away.path, '/target');
    assert.equal(away.authorization, null);
    assert.equal(away.token, 't0k');
  });

  test('the eleventh redirect fails the call with Go’s text', async () => {
    await assert.rejects(runtime.invoke('api', 'get', undefined, { path: '/loop/0' }), {
      message: `Get "http://127.0.0.1:${port}/loop/11": stopped after 10 redirects`,
    });
  });

  test('a redirect without Location is the answer; one to another scheme fails', async () => {
    await assert.rejects(runtime.invoke('api', 'get', undefined, { path: '/no-location' }), {
      message: 'received status code 302',
    });
    await assert.rejects(runtime.invoke('api', 'get', undefined, { path: '/ftp' }), {
      message: 'Get "ftp://127.0.0.1/file": unsupported protocol scheme "ftp"',
    });
  });
});
