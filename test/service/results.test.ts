import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import {
  accepted,
  Container,
  created,
  HttpError,
  noContent,
  problem,
  redirect,
  status,
  WebService,
} from '../../src/index.js';

function serve(handler: () => unknown, produces?: string[]) {
  const ws = new WebService('/');
  const route = ws.get('/x');
  if (produces !== undefined) route.produces(...produces);
  route.to(handler);
  return new Container().add(ws);
}

describe('results', () => {
  test('a value is 200 JSON', async () => {
    const res = await serve(() => ({ hello: 'world' })).inject({ url: '/x' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/json');
    assert.equal(res.body, '{"hello":"world"}');
  });

  test('a promise of a value is awaited', async () => {
    const res = await serve(async () => [1, 2]).inject({ url: '/x' });
    assert.deepEqual(res.json(), [1, 2]);
  });

  test('undefined is 204 with no body', async () => {
    const res = await serve(() => undefined).inject({ url: '/x' });
    assert.equal(res.status, 204);
    assert.equal(res.body, '');
  });

  test('created sets 201 and Location', async () => {
    const res = await serve(() => created({ id: 1 }, '/x/1')).inject({ url: '/x' });
    assert.equal(res.status, 201);
    assert.equal(res.headers.location, '/x/1');
    assert.deepEqual(res.json(), { id: 1 });
  });

  test('a status-only result on plain data answers like the plain value, with its status', async () => {
    const app = serve(() => created({ id: 1, name: 'é' }));
    const res = await app.inject({ url: '/x' });
    assert.equal(res.status, 201);
    assert.equal(res.headers['content-type'], 'application/json');
    assert.equal(res.headers['content-length'], String(Buffer.byteLength('{"id":1,"name":"é"}')));
    assert.equal(res.headers.location, undefined);
    assert.equal(res.body, '{"id":1,"name":"é"}');
    const head = await app.inject({ method: 'HEAD', url: '/x' });
    assert.equal(head.status, 201);
    assert.equal(head.headers['content-length'], res.headers['content-length']);
    assert.equal(head.body, '');
    const list = await serve(() => accepted([1, 2])).inject({ url: '/x' });
    assert.equal(list.status, 202);
    assert.deepEqual(list.json(), [1, 2]);
  });

  test('accepted, noContent, redirect and status', async () => {
    assert.equal((await serve(() => accepted({ job: 1 })).inject({ url: '/x' })).status, 202);
    assert.equal((await serve(() => noContent()).inject({ url: '/x' })).status, 204);
    const moved = await serve(() => redirect('/y', 307)).inject({ url: '/x' });
    assert.equal(moved.status, 307);
    assert.equal(moved.headers.location, '/y');
    const teapot = await serve(() => status(418, { short: true }, { 'x-kind': 'pot' })).inject({ url: '/x' });
    assert.equal(teapot.status, 418);
    assert.equal(teapot.headers['x-kind'], 'pot');
    assert.deepEqual(teapot.json(), { short: true });
  });

  test('problem answers application/problem+json', async () => {
    const res = await serve(() =>
      problem({ status: 409, title: 'Taken', detail: 'name taken', code: 'BND_ERR_CONFLICT' }),
    ).inject({
      url: '/x',
    });
    assert.equal(res.status, 409);
    assert.equal(res.headers['content-type'], 'application/problem+json');
    assert.deepEqual(res.json(), {
      type: 'https://bindery.dev/docs/errors#bnd-err-conflict',
      title: 'Taken',
      status: 409,
      detail: 'name taken',
      code: 'BND_ERR_CONFLICT',
    });
  });

  test('a Buffer is sent as octet-stream', async () => {
    const res = await serve(() => Buffer.from([1, 2, 3])).inject({ url: '/x' });
    assert.equal(res.headers['content-type'], 'application/octet-stream');
    assert.deepEqual([...res.rawBody], [1, 2, 3]);
  });

  test('a Node stream and a web stream are streamed', async () => {
    const node = await serve(() => Readable.from(['a', 'b', 'c']), ['text/plain']).inject({ url: '/x' });
    assert.equal(node.body, 'abc');
    assert.equal(node.headers['content-type'], 'text/plain');
    const web = await serve(
      () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('web'));
            controller.close();
          },
        }),
    ).inject({ url: '/x' });
    assert.equal(web.body, 'web');
  });

  test('a thrown HttpError becomes its problem document', async () => {
    const res = await serve(() => {
      throw new HttpError(409, 'order 7 was already paid', { code: 'BND_ERR_CONFLICT' });
    }).inject({ url: '/x' });
    assert.equal(res.status, 409);
    assert.equal(res.json<{ detail: string }>().detail, 'order 7 was already paid');
  });

  test('an unexpected error is 500 with no internals', async () => {
    const res = await serve(() => {
      throw new Error('secret database password is hunter2');
    }).inject({ url: '/x' });
    assert.equal(res.status, 500);
    assert.doesNotMatch(res.body, /hunter2/);
    assert.equal(res.json<{ code: string }>().code, 'BND_ERR_INTERNAL');
  });

  test('a string is JSON-encoded under JSON and raw under text/plain', async () => {
    assert.equal((await serve(() => 'hi').inject({ url: '/x' })).body, '"hi"');
    const text = await serve(() => 'hi', ['text/plain']).inject({ url: '/x' });
    assert.equal(text.body, 'hi');
    assert.equal(text.headers['content-type'], 'text/plain; charset=utf-8');
  });
});
