import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { z } from 'zod';
import {
  Container,
  created,
  type DeclaredOutput,
  type HandlerOutput,
  noContent,
  type RouteHandler,
  t,
  token,
  value,
  WebService,
} from '../../src/index.js';
import { type Equal, expectType } from '../support/type-assert.js';

const User = t.Object({ id: t.Integer(), name: t.String() });
type UserValue = { id: number; name: string };
const Clock = token<{ now(): number }>('Clock');

// Only a literal 200 with a schema sets the handler's plain answer type.
expectType<Equal<DeclaredOutput<unknown, 200, typeof User>, UserValue>>();
expectType<Equal<DeclaredOutput<unknown, 201, typeof User>, unknown>>();
expectType<Equal<DeclaredOutput<unknown, number, typeof User>, unknown>>();
expectType<Equal<DeclaredOutput<unknown, 200, undefined>, unknown>>();
expectType<Equal<HandlerOutput<unknown>, unknown>>();

// `.to()` takes exactly a RouteHandler of the builder's template, declaration and dependencies,
// with the answer the declared 200 schema allows.
const Verbose = t.Object({ verbose: t.Optional(t.Boolean()) });
const bound = new WebService('/')
  .get('/users/{id:int}')
  .returns(200, 'the user', User)
  .bind({ query: Verbose })
  .inject({ clock: Clock });
expectType<
  Equal<
    Parameters<typeof bound.to>[0],
    RouteHandler<'/users/{id:int}', { query: typeof Verbose }, { clock: typeof Clock }, UserValue>
  >
>();

test('a declared 200 schema types what the handler may answer', async () => {
  const ws = new WebService('/');
  // Without a 200 schema, anything goes.
  ws.get('/free').to(() => 42);
  ws.get('/created-only')
    .returns(201, 'created', User)
    .to(() => 'any plain answer');

  ws.get('/users/{id:int}')
    .returns(200, 'the user', User)
    .returns(404, 'no such user')
    .to(({ path }) => ({ id: path.id, name: 'Ada' }));
  ws.get('/async')
    .returns(200, 'the user', User)
    .to(async () => ({ id: 1, name: 'Ada' }));
  // Typed results, bytes, streams and nothing stay open to every route.
  ws.post('/users')
    .returns(200, 'the user', User)
    .to(() => created({ id: 2, name: 'Bo' }, '/users/2'));
  ws.delete('/users/{id}')
    .returns(200, 'the user', User)
    .to(() => noContent());
  ws.get('/raw')
    .returns(200, 'the user', User)
    .to(() => Buffer.from('{}'));
  ws.get('/stream')
    .returns(200, 'the user', User)
    .to(() => Readable.from(['{}']));
  ws.get('/nothing')
    .returns(200, 'the user', User)
    .to(() => undefined);

  ws.get('/wrong')
    .returns(200, 'the user', User)
    // @ts-expect-error: `id` must be a number
    .to(() => ({ id: 'one', name: 'Ada' }));
  ws.get('/missing')
    .returns(200, 'the user', User)
    // @ts-expect-error: `name` is required
    .to(async () => ({ id: 1 }));

  // The declared type survives .bind() and .inject() in either order.
  ws.get('/bound/{id:int}')
    .returns(200, 'the user', User)
    .bind({ query: t.Object({ verbose: t.Optional(t.Boolean()) }) })
    .inject({ clock: Clock })
    // @ts-expect-error: a string is not the user
    .to(() => 'nope');
  ws.get('/bound-ok/{id:int}')
    .inject({ clock: Clock })
    .returns(200, 'the user', User)
    .to(({ path }, { clock }) => ({ id: path.id + clock.now(), name: 'Ada' }));

  // A Standard Schema types the answer by its output type (it is not compiled into a writer).
  ws.get('/zod')
    .returns(200, 'the user', z.object({ id: z.number(), name: z.string() }))
    // @ts-expect-error: `name` must be a string
    .to(() => ({ id: 1, name: 2 }));

  const app = new Container().provide(Clock, value({ now: () => 1 })).add(ws);
  assert.equal((await app.inject({ url: '/users/7' })).body, '{"id":7,"name":"Ada"}');
  assert.equal((await app.inject({ url: '/free' })).body, '42');
});
