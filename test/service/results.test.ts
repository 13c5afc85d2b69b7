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
  t,
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

  test('objects that are not plain records are written as JSON all the same', async () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const bare: Record<string, unknown> = Object.create(null);
    bare.a = 1;
    const cases: [unknown, string][] = [
      [bare, '{"a":1}'],
      [{ constructor: 'a key like any other' }, '{"constructor":"a key like any other"}'],
      [new Point(1, 2), '{"x":1,"y":2}'],
      [Object.create({ inherited: true }, { own: { value: 1, enumerable: true } }), '{"own":1}'],
      [new Proxy({ p: 1 }, {}), '{"p":1}'],
      [[1, [2]], '[1,[2]]'],
    ];
    for (const [value, json] of cases) {
      const res = await serve(() => value).inject({ url: '/x' });
      assert.equal(res.status, 200, json);
      assert.equal(res.headers['content-type'], 'application/json');
      assert.equal(res.headers['content-length'], String(Buffer.byteLength(json)));
      assert.equal(res.body, json);
    }
  });

  test('a 200 schema writes the answer; other statuses keep their own schema', async () => {
    const ws = new WebService('/');
    ws.get('/x')
      .returns(200, 'ok', t.Object({ shown: t.String() }))
      .returns(202, 'later', t.Object({ ticket: t.Integer() }))
      .to((_input, _deps, ctx) =>
        ctx.query.get('later') === null
          ? { shown: 'yes', hidden: 'no' }
          : accepted({ ticket: 7, hidden: 'no' }),
      );
    const app = new Container().add(ws);
    assert.deepEqual((await app.inject({ url: '/x' })).json(), { shown: 'yes' });
    const later = await app.inject({ url: '/x?later=1' });
    assert.equal(later.status, 202);
    assert.deepEqual(later.json(), { ticket: 7 });
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
