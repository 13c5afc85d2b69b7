import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parse as parseCookies } from 'cookie';
import { type BindSource, t } from '../../src/binding/index.js';
import { isHttpError } from '../../src/http/http-error.js';
import { BodyState, UploadedFile } from '../../src/http/readers/index.js';
import { multipartBody, multipartType } from '../http/readers/multipart-body.js';
import { binderFor } from './compile.js';

// The binder behind a real server, the way the pipeline drives it: a source per request, the
// problem document on failure, deferred cleanups after the answer.
const binder = binderFor(
  {
    path: t.Object({ shopId: t.Integer({ minimum: 1 }) }),
    query: t.Object({ dryRun: t.Boolean({ default: false }) }),
    headers: t.Object({ 'x-request-id': t.String({ minLength: 8 }) }),
    cookies: t.Object({ session: t.String() }),
    body: t.Union([
      t.Object({
        item: t.String({ minLength: 1 }),
        qty: t.Integer({ minimum: 1, maximum: 100 }),
        tags: t.Optional(t.Array(t.String(), { maxItems: 10 })),
      }),
      t.Object({ note: t.String(), file: t.File() }),
    ]),
  },
  { route: 'POST /shops/{shopId:int}/orders', limits: { fileMemory: 1024 } },
);

let server: Server;
let port: number;
const spooled: string[] = [];
const crashes: unknown[] = [];
/** Every request's handling, cleanups included (they run after the answer is sent). */
const handled: Promise<void>[] = [];

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  const cleanups: (() => unknown)[] = [];
  let cookies: Record<string, string | undefined> | undefined;
  const source: BindSource = {
    req,
    params: { shopId: Number(url.pathname.split('/')[2]) },
    rawQuery: url.search.slice(1),
    headers: req.headers,
    get cookies() {
      cookies ??= req.headers.cookie === undefined ? {} : parseCookies(req.headers.cookie);
      return cookies;
    },
    body: new BodyState(),
    defer: (cleanup) => cleanups.push(cleanup),
  };
  try {
    const input = await binder.bind(source);
    const body = input.body as Record<string, unknown>;
    if (body.file instanceof UploadedFile && body.file.path !== undefined) spooled.push(body.file.path);
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        path: input.path,
        query: input.query,
        headers: input.headers,
        cookies: input.cookies,
        body,
      }),
    );
  } catch (error) {
    if (!isHttpError(error)) crashes.push(error);
    const problem = isHttpError(error) ? error.toProblem() : { status: 500 };
    if (!res.destroyed) {
      res.statusCode = problem.status;
      res.setHeader('content-type', 'application/problem+json');
      res.end(JSON.stringify(problem));
    }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

before(async () => {
  server = createServer((req, res) => {
    handled.push(handle(req, res));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

after(() => server.close());

interface Answer {
  status: number;
  type: string | null;
  json: { code?: string; detail?: string; errors?: unknown; body?: unknown; [member: string]: unknown };
}

async function post(path: string, headers: Record<string, string>, body: string | Buffer): Promise<Answer> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers, body });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    json: (await res.json()) as Answer['json'],
  };
}

const good = { 'content-type': 'application/json', 'x-request-id': 'req-0001', cookie: 'session=s1' };

test('a valid order binds from all five sources', async () => {
  const answer = await post('/shops/7/orders?dryRun=true', good, '{"item":"tea","qty":2}');
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.json, {
    path: { shopId: 7 },
    query: { dryRun: true },
    headers: { 'x-request-id': 'req-0001' },
    cookies: { session: 's1' },
    body: { item: 'tea', qty: 2 },
  });
});

test('problems from three sources come back in one problem+json answer', async () => {
  const answer = await post(
    '/shops/7/orders?dryRun=maybe',
    { 'content-type': 'application/json', 'x-request-id': 'short', cookie: 'session=s1' },
    '{"item":"","qty":0}',
  );
  assert.equal(answer.status, 400);
  assert.equal(answer.type, 'application/problem+json');
  assert.equal(answer.json.code, 'BND_ERR_VALIDATION');
  assert.deepEqual(answer.json.errors, [
    { in: 'query', name: 'dryRun', message: 'must be true or false', code: 'type' },
    { in: 'header', name: 'x-request-id', message: 'must be at least 8 characters long', code: 'minLength' },
    { in: 'body', name: '', message: 'does not match any of the allowed forms', code: 'union' },
  ]);
});

test('a gzip-encoded JSON body is decoded', async () => {
  const answer = await post(
    '/shops/7/orders',
    { ...good, 'content-encoding': 'gzip' },
    gzipSync('{"item":"tea","qty":3}'),
  );
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.json.body, { item: 'tea', qty: 3 });
});

// An unsupported Content-Type never reaches the binder: route selection answers 415 first
// (test/service/route-selection.test.ts).
test('malformed JSON and oversize bodies are 400 and 413', async () => {
  const malformed = await post('/shops/7/orders', good, '{"item":"tea",');
  assert.equal(malformed.status, 400);
  assert.equal(malformed.json.code, 'BND_ERR_MALFORMED_BODY');
  assert.match(malformed.json.detail ?? '', /position 14/);
  const big = await post(
    '/shops/7/orders',
    good,
    JSON.stringify({ item: 'x'.repeat(2 * 1024 * 1024), qty: 1 }),
  );
  assert.equal(big.status, 413);
});

test('an upload spools to a temp file that is gone once the request ends', async () => {
  const body = multipartBody([
    { name: 'note', value: 'see file' },
    { name: 'file', filename: 'scan.pdf', type: 'application/pdf', value: Buffer.alloc(100_000, 3) },
  ]);
  const answer = await post('/shops/7/orders', { ...good, 'content-type': multipartType }, body);
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.json.body, {
    note: 'see file',
    file: { field: 'file', name: 'scan.pdf', type: 'application/pdf', size: 100_000 },
  });
  assert.equal(spooled.length, 1);
  await Promise.all(handled);
  assert.equal(existsSync(spooled[0]!), false);
});

test('a client that disconnects mid-body crashes nothing', async () => {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(
    'POST /shops/7/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Request-Id: req-0001\r\nCookie: session=s\r\nContent-Length: 500\r\n\r\n{"item":',
  );
  setImmediate(() => socket.destroy());
  await once(socket, 'close');
  const answer = await post('/shops/7/orders', good, '{"item":"tea","qty":1}');
  assert.equal(answer.status, 200);
  await Promise.all(handled);
  assert.deepEqual(crashes, []);
});
