import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import {
  type Answer,
  type AnswerOf,
  type CallInput,
  type Client,
  client,
  type PlainPath,
  type Problem,
  type RouteAt,
  type RouteTable,
  type ValidationProblem,
} from '../../src/client/index.js';
import { accepted, Container, created, noContent, status, t, WebService } from '../../src/index.js';
import type { RoutesOf } from '../../src/service/route-types.js';
import { type Equal, expectType } from '../support/type-assert.js';

const Item = t.Object({ id: t.Integer(), name: t.String() });

function service() {
  return new WebService('/t')
    .get('/big/{id:int64}/{flag:bool}/{slug}/{day:date}')
    .to(({ path }) => ({ id: path.id.toString(), day: path.day, flag: path.flag, slug: path.slug }))
    .get('/refined/{code}')
    .bind({ path: t.Object({ code: t.Integer() }) })
    .to(({ path }) => path.code)
    .get('/query')
    .bind({
      query: t.Object({
        page: t.Integer({ default: 1 }),
        size: t.Optional(t.Integer()),
        q: t.String(),
        ids: t.Array(t.Integer(), { default: [] }),
      }),
    })
    .to(({ query }) => query)
    .post('/zod')
    .bind({
      body: z.object({ name: z.string(), role: z.enum(['a', 'b']).default('a'), n: z.coerce.number() }),
    })
    .to(({ body }) => created(body))
    .post('/upload')
    .bind({ body: t.Object({ file: t.File(), note: t.Optional(t.String()) }) })
    .to(() => accepted())
    .delete('/{id:int}')
    .to(() => noContent())
    .put('/{id:int}')
    .to(() => undefined)
    .get('/declared')
    .returns(200, 'the item', Item)
    .returns(409, 'conflict', t.Object({ reason: t.String() }))
    .returns(404, 'none')
    .returns(422, 'unprocessable')
    .to(() => ({ id: 1, name: 'one' }))
    .get('/teapot')
    .to(() => status(418, { brewing: true }))
    .get('/mixed/{id:int}')
    .bind({ query: t.Object({ page: t.Optional(t.Integer()) }), headers: t.Object({ 'x-tag': t.String() }) })
    .to(({ path }) => path.id);
}

type Table = RouteTable<RoutesOf<ReturnType<typeof service>>>;
type In<M extends string, P extends string> = CallInput<RouteAt<Table, M, P>>;
type Out<M extends string, P extends string> = AnswerOf<RouteAt<Table, M, P>>;
type At<M extends string, P extends string, S extends number> = Extract<Out<M, P>, { status: S }>;
type Statuses<M extends string, P extends string> = Out<M, P>['status'];

// A route's plain path names each parameter only, whatever its macro, functions or regex holds.
expectType<Equal<PlainPath<'/shops/{shopId:int min(1)}/orders'>, '/shops/{shopId}/orders'>>();
expectType<Equal<PlainPath<'/r/{code:[A-Z]{2}{1}}/{id:int}'>, '/r/{code}/{id}'>>();
expectType<Equal<PlainPath<'/n/{n:string regexp(^[a-z]{2,4}$) else 400}/x'>, '/n/{n}/x'>>();
expectType<Equal<PlainPath<'/p/{a:[0-9]{2}}-{b:uuid}'>, '/p/{a}-{b}'>>();
expectType<Equal<PlainPath<'/{lat}-{lng}/{rest:*?}'>, '/{lat}-{lng}/{rest}'>>();
expectType<Equal<PlainPath<'/users/{id?:int}'>, '/users/{id?}'>>();
expectType<Equal<PlainPath<'/tasks/{id:int}:cancel'>, '/tasks/{id}:cancel'>>();
expectType<Equal<PlainPath<'/users'>, '/users'>>();
// @ts-expect-error: the macro is not part of the path a caller writes
expectType<Equal<PlainPath<'/u/{id:int}'>, '/u/{id:int}'>>();

// Path parameters by macro: int64 → bigint, date → Date, bool → boolean, plain → string.
expectType<
  Equal<
    In<'GET', '/t/big/{id}/{flag}/{slug}/{day}'>,
    { path: { id: bigint; day: Date; flag: boolean; slug: string } }
  >
>();
// A bound path schema refines the template's string.
expectType<Equal<In<'GET', '/t/refined/{code}'>, { path: { code: number } }>>();
// Defaults and optionals may be left out; the required `q` keeps the query required.
expectType<
  Equal<In<'GET', '/t/query'>, { query: { q: string; page?: number; size?: number; ids?: number[] } }>
>();
// A Standard Schema's input type: a default is optional, a coerced number takes anything.
expectType<Equal<In<'POST', '/t/zod'>['body']['role'], 'a' | 'b' | undefined>>();
expectType<Equal<In<'POST', '/t/zod'>['body']['n'], unknown>>();
// A file part is a Blob.
expectType<Equal<In<'POST', '/t/upload'>, { body: { file: Blob; note?: string } }>>();
// Required parts stay required, parts with nothing required become optional.
expectType<
  Equal<
    In<'GET', '/t/mixed/{id}'>,
    { path: { id: number }; headers: { 'x-tag': string }; query?: { page?: number } }
  >
>();
// No inputs: the call takes none.
expectType<Equal<In<'DELETE', '/t/{id}'>, { path: { id: number } }>>();

// Answers: 201 from created(), 202 from accepted(), 204 from noContent() and from nothing.
expectType<Equal<At<'POST', '/t/zod', 201>['body'], { name: string; role: 'a' | 'b'; n: number }>>();
expectType<Equal<At<'POST', '/t/upload', 202>['body'], undefined>>();
expectType<Equal<At<'DELETE', '/t/{id}', 204>['body'], undefined>>();
expectType<Equal<At<'PUT', '/t/{id}', 204>['body'], undefined>>();
// A route that binds nothing cannot answer 400, one without a body neither 413 nor 415.
expectType<Equal<Statuses<'DELETE', '/t/{id}'>, 204 | 404 | 405 | 406 | 500 | 503>>();
expectType<Equal<At<'GET', '/t/query', 400>['body'], ValidationProblem>>();
expectType<Equal<Statuses<'POST', '/t/upload'>, 202 | 400 | 404 | 405 | 406 | 413 | 415 | 500 | 503>>();
// Declared responses: the 200 schema, a 409 schema, declared problems.
expectType<Equal<At<'GET', '/t/declared', 200>['body'], { id: number; name: string }>>();
expectType<Equal<At<'GET', '/t/declared', 409>['body'], { reason: string }>>();
expectType<Equal<At<'GET', '/t/declared', 422>['body'], Problem<422>>>();
expectType<Equal<At<'GET', '/t/declared', 404>, Answer<404, Problem<404>>>>();
// A literal status() keeps its status and body.
expectType<Equal<At<'GET', '/t/teapot', 418>['body'], { brewing: boolean } | undefined>>();
// Handler results are as JSON delivers them.
expectType<Equal<At<'GET', '/t/big/{id}/{flag}/{slug}/{day}', 200>['body']['day'], string>>();
// No declared answer is `unknown`.
type Bodies = { [K in keyof Table]: AnswerOf<Table[K]>['body'] }[keyof Table];
expectType<Equal<unknown extends Bodies ? true : false, false>>();

// Calls that must not compile (never run).
async function refused(api: Client<ReturnType<typeof service>>) {
  const day = new Date();
  // @ts-expect-error: an int64 parameter is a bigint
  await api.get('/t/big/{id}/{flag}/{slug}/{day}', { path: { id: 1, day, flag: true, slug: 's' } });
  // @ts-expect-error: `q` is required
  await api.get('/t/query', { query: { page: 2 } });
  // @ts-expect-error: a file part takes a Blob, not a string
  await api.post('/t/upload', { body: { file: 'text' } });
  // @ts-expect-error: the route's input is required
  await api.delete('/t/{id}');
  // @ts-expect-error: no route has this path
  await api.get('/t/nope');
  // @ts-expect-error: the path has no POST route
  await api.post('/t/query', { query: { q: 'x' } });
  // @ts-expect-error: the header is required
  await api.get('/t/mixed/{id}', { path: { id: 1 } });
}
void refused;

// A method read off its client, or copied onto another object, keeps its typing.
async function detached(api: Client<ReturnType<typeof service>>) {
  const { get, post } = api;
  const query = await get('/t/query', { query: { q: 'x' } });
  expectType<Equal<Extract<typeof query, { status: 200 }>['body']['page'], number>>();
  const zod = await post('/t/zod', { body: { name: 'n', n: 1 } });
  expectType<Equal<Extract<typeof zod, { status: 201 }>['body']['role'], 'a' | 'b'>>();
  // @ts-expect-error: `q` is required, also without the client
  await get('/t/query', { query: { page: 2 } });
  // @ts-expect-error: an int64 parameter is a bigint, also without the client
  await get('/t/big/{id}/{flag}/{slug}/{day}', { path: { id: 1, day: new Date(), flag: true, slug: 's' } });
  const holder = { fetchOne: api.get };
  const mixed = await holder.fetchOne('/t/mixed/{id}', { path: { id: 1 }, headers: { 'x-tag': 'a' } });
  expectType<Equal<Extract<typeof mixed, { status: 200 }>['body'], number>>();
}
void detached;

test('the typed calls reach the routes they name', async () => {
  const app = new Container().add(service());
  const api = client(app);

  const big = await api.get('/t/big/{id}/{flag}/{slug}/{day}', {
    path: { id: 2n ** 40n, day: new Date('2020-01-31T00:00:00Z'), flag: false, slug: 'x y' },
  });
  assert.deepEqual(big.body, {
    id: String(2n ** 40n),
    day: '2020-01-31T00:00:00.000Z',
    flag: false,
    slug: 'x y',
  });
  const refined = await api.get('/t/refined/{code}', { path: { code: 12 } });
  assert.equal(refined.body, 12);
  const query = await api.get('/t/query', { query: { q: 'x' } });
  assert.deepEqual(query.body, { q: 'x', page: 1, ids: [] });
  const zod = await api.post('/t/zod', { body: { name: 'n', n: '4' } });
  assert.equal(zod.status, 201);
  if (zod.status === 201) assert.deepEqual(zod.body, { name: 'n', role: 'a', n: 4 });
  const removed = await api.delete('/t/{id}', { path: { id: 1 } });
  assert.equal(removed.status, 204);
  const teapot = await api.get('/t/teapot');
  assert.equal(teapot.status, 418);
  const declared = await api.get('/t/declared');
  if (declared.status === 200) assert.deepEqual(declared.body, { id: 1, name: 'one' });
  await app.close();
});
