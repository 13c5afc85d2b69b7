import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import pino from 'pino';
import { Container, compression, cors, requestId, requestLogger, WebService } from '../../src/index.js';

function app(container = new Container()) {
  const ws = new WebService('/');
  ws.get('/big').to(() => ({ text: 'x'.repeat(5000) }));
  ws.get('/small').to(() => ({ ok: true }));
  ws.put('/big').to(() => undefined);
  return container.add(ws);
}

describe('cors', () => {
  const withCors = () =>
    app(
      new Container().filter(
        cors({ origins: ['https://shop.example'], exposedHeaders: ['x-total'], maxAge: 600 }),
      ),
    );

  test('a preflight is answered before routing with the path methods', async () => {
    const res = await withCors().inject({
      method: 'OPTIONS',
      url: '/big',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers['access-control-allow-origin'], 'https://shop.example');
    assert.equal(res.headers['access-control-allow-methods'], 'GET, HEAD, PUT, OPTIONS');
    assert.equal(res.headers['access-control-allow-headers'], 'content-type');
    assert.equal(res.headers['access-control-max-age'], '600');
    assert.equal(res.headers.vary, 'Origin');
  });

  test('a preflight from another origin is 403', async () => {
    const res = await withCors().inject({
      method: 'OPTIONS',
      url: '/big',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
    });
    assert.equal(res.status, 403);
    assert.equal(res.headers['access-control-allow-origin'], undefined);
  });

  test('an actual request gets allow-origin and expose headers', async () => {
    const res = await withCors().inject({ url: '/small', headers: { origin: 'https://shop.example' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], 'https://shop.example');
    assert.equal(res.headers['access-control-expose-headers'], 'x-total');
  });

  test('a function decides origins', async () => {
    const container = app(new Container().filter(cors({ origins: (o) => o.endsWith('.trusted.example') })));
    const ok = await container.inject({ url: '/small', headers: { origin: 'https://a.trusted.example' } });
    assert.equal(ok.headers['access-control-allow-origin'], 'https://a.trusted.example');
    const no = await container.inject({ url: '/small', headers: { origin: 'https://a.other.example' } });
    assert.equal(no.headers['access-control-allow-origin'], undefined);
  });

  test('credentials with every origin is refused at declaration', () => {
    assert.throws(() => cors({ origins: '*', credentials: true }), /credentials/);
  });
});

describe('compression', () => {
  const compressed = () => app(new Container().filter(compression({ threshold: 1024 })));

  test('gzip when accepted and over the threshold', async () => {
    const res = await compressed().inject({ url: '/big', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.equal(res.headers.vary, 'Accept-Encoding');
    assert.equal(JSON.parse(gunzipSync(res.rawBody).toString()).text.length, 5000);
    assert.ok(res.rawBody.length < 5000);
  });

  test('br preferred when the client weighs both equally', async () => {
    const res = await compressed().inject({ url: '/big', headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(res.headers['content-encoding'], 'br');
    assert.equal(JSON.parse(brotliDecompressSync(res.rawBody).toString()).text.length, 5000);
  });

  test('below the threshold or without Accept-Encoding the body stays identity', async () => {
    const small = await compressed().inject({ url: '/small', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(small.headers['content-encoding'], undefined);
    assert.deepEqual(small.json(), { ok: true });
    const none = await compressed().inject({ url: '/big' });
    assert.equal(none.headers['content-encoding'], undefined);
  });
});

describe('request id and logging', () => {
  test('the incoming id is echoed; a missing one is generated', async () => {
    const container = app(new Container().filter(requestId()));
    const given = await container.inject({ url: '/small', headers: { 'x-request-id': 'abc-123' } });
    assert.equal(given.headers['x-request-id'], 'abc-123');
    const made = await container.inject({ url: '/small' });
    assert.match(String(made.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  test('an id with unsafe characters is replaced', async () => {
    const container = app(new Container().filter(requestId()));
    const res = await container.inject({ url: '/small', headers: { 'x-request-id': 'bad id\twith spaces' } });
    assert.notEqual(res.headers['x-request-id'], 'bad id\twith spaces');
  });

  test('the request logger writes one line per request with status and id', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const container = app(new Container({ logger: pino({ level: 'info' }, sink) }).filter(requestLogger()));
    await container.inject({ url: '/small', headers: { 'x-request-id': 'log-1' } });
    await container.inject({ url: '/missing', headers: { 'x-request-id': 'log-2' } });
    const answered = lines.filter((l) => l.msg === 'request answered');
    assert.equal(answered.length, 2);
    assert.equal(answered[0]!.status, 200);
    assert.equal(answered[0]!.reqId, 'log-1');
    assert.equal(answered[1]!.status, 404);
    assert.equal(answered[1]!.level, 40);
  });
});
