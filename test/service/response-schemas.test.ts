import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { Container, compression, created, HttpError, t, WebService } from '../../src/index.js';

const User = t.Object({ id: t.Integer(), name: t.String(), nickname: t.Optional(t.String()) });

/** A Standard Schema that accepts anything: no JSON Schema to compile from. */
const anything: StandardSchemaV1<unknown> = {
  '~standard': { version: 1, vendor: 'test', validate: (value) => ({ value }) },
};

function containerWith(build: (ws: WebService) => void): Container {
  const ws = new WebService('/');
  build(ws);
  return new Container().add(ws);
}

describe('declared response schemas', () => {
  test('a 200 answer is written through its schema: unnamed properties are left out', async () => {
    const app = containerWith((ws) =>
      ws
        .get('/users/{id:int}')
        .returns(200, 'the user', User)
        .to(({ path }) => ({ id: path.id, name: 'Ada', passwordHash: 'x' })),
    );
    const res = await app.inject({ url: '/users/7' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/json');
    assert.equal(res.body, '{"id":7,"name":"Ada"}');
    assert.equal(res.headers['content-length'], String(res.body.length));
  });

  test('compressed and HEAD answers carry the schema-shaped body and its length', async () => {
    const ws = new WebService('/');
    ws.get('/users')
      .returns(200, 'users', t.Array(User))
      .to(() => Array.from({ length: 100 }, (_, id) => ({ id, name: `user ${id}`, secret: 'x' })));
    const app = new Container().filter(compression({ threshold: 100 })).add(ws);
    const expected = JSON.stringify(Array.from({ length: 100 }, (_, id) => ({ id, name: `user ${id}` })));
    const zipped = await app.inject({ url: '/users', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(zipped.rawBody).toString(), expected);
    const head = await app.inject({ method: 'HEAD', url: '/users' });
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(Buffer.byteLength(expected)));
    assert.equal(head.body, '');
  });

  test('a typed result uses the schema declared for its status', async () => {
    const app = containerWith((ws) =>
      ws
        .post('/users')
        .returns(201, 'created', User)
        .returns(200, 'unused here', t.Object({ other: t.String() }))
        .to(() => created({ id: 1, name: 'Ada', nickname: 'ada', internal: true }, '/users/1')),
    );
    const res = await app.inject({ method: 'POST', url: '/users' });
    assert.equal(res.status, 201);
    assert.equal(res.headers.location, '/users/1');
    assert.equal(res.body, '{"id":1,"name":"Ada","nickname":"ada"}');
  });

  test('a status without a declared schema and a non-JSON type keep the writers', async () => {
    const app = containerWith((ws) => {
      ws.get('/plain')
        .returns(201, 'other status', User)
        .to(() => ({ id: 1, name: 'Ada', extra: 'kept' }));
      ws.get('/text')
        .produces('application/json', 'text/plain')
        .returns(200, 'the user', User)
        .to(() => ({ id: 1, name: 'Ada', extra: 'kept' }));
      ws.get('/standard')
        .returns(200, 'documented only', anything)
        .to(() => ({ any: 'thing' }));
    });
    assert.equal((await app.inject({ url: '/plain' })).body, '{"id":1,"name":"Ada","extra":"kept"}');
    const text = await app.inject({ url: '/text', headers: { accept: 'text/plain' } });
    assert.equal(text.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(text.body, '{"id":1,"name":"Ada","extra":"kept"}');
    assert.equal((await app.inject({ url: '/standard' })).body, '{"any":"thing"}');
  });

  test('a custom error answer for a declared status goes through that schema', async () => {
    const app = containerWith((ws) => {
      ws.get('/missing')
        .returns(404, 'not found', t.Object({ message: t.String() }))
        .to(() => {
          throw new HttpError(404, 'no such thing');
        });
      ws.onError(404, (_ctx, error) => ({ message: error.message, stack: 'hidden' }));
    });
    const res = await app.inject({ url: '/missing' });
    assert.equal(res.status, 404);
    assert.equal(res.body, '{"message":"no such thing"}');
  });

  test('a value the schema cannot write is a 500 problem, not a crash', async () => {
    const app = containerWith((ws) =>
      ws
        .get('/bad')
        .returns(200, 'a number', t.Object({ n: t.Number() }))
        // A value that escaped the types (from an untyped source, say): the handler's type says number.
        .to(() => ({ n: 'not a number' }) as unknown as { n: number }),
    );
    const res = await app.inject({ url: '/bad' });
    assert.equal(res.status, 500);
    assert.equal(res.headers['content-type'], 'application/problem+json');
    assert.equal((res.json() as { code: string }).code, 'BND_ERR_INTERNAL');
  });

  test('a schema that cannot describe JSON fails at startup, naming the route and status', async () => {
    const app = containerWith((ws) =>
      ws
        .get('/when')
        .returns(200, 'a date', t.Object({ at: t.Date() }))
        .to(() => ({ at: new Date() })),
    );
    await assert.rejects(app.ready(), /route GET \/when: the 200 response schema cannot be written as JSON/);
  });
});
