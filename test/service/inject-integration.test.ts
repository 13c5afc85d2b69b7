import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Container,
  contextToken,
  factory,
  HttpError,
  status,
  stop,
  token,
  useClass,
  value,
  WebService,
} from '../../src/index.js';

class Clock {
  now(): number {
    return 1_700_000_000_000;
  }
}
const Prefix = token<string>('Prefix');
const User = token<{ name: string }>('User');

describe('injection through the container', () => {
  test('singletons and request-scoped values reach the handler typed', async () => {
    const created: string[] = [];
    const disposed: string[] = [];
    const ws = new WebService('/');
    ws.get('/me')
      .inject({ clock: Clock, prefix: Prefix, user: User })
      .to((_input, deps) => ({ at: deps.clock.now(), greeting: `${deps.prefix} ${deps.user.name}` }));
    const container = new Container()
      .provide(Clock, useClass(Clock))
      .provide(Prefix, value('hello'))
      .provide(
        User,
        factory(
          { ctx: contextToken },
          ({ ctx }) => {
            const name = ctx.header('x-user') ?? 'anonymous';
            created.push(name);
            return { name };
          },
          { scope: 'request', dispose: (u) => disposed.push(u.name) },
        ),
      )
      .add(ws);
    const res = await container.inject({ url: '/me', headers: { 'x-user': 'ada' } });
    assert.deepEqual(res.json(), { at: 1_700_000_000_000, greeting: 'hello ada' });
    await container.inject({ url: '/me' });
    assert.deepEqual(created, ['ada', 'anonymous']);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(disposed, ['ada', 'anonymous']);
  });

  test('request-scoped values are disposed when the handler throws', async () => {
    const disposed: string[] = [];
    const ws = new WebService('/');
    ws.get('/fail')
      .inject({ user: User })
      .to(() => {
        throw new HttpError(409, 'conflict');
      });
    const container = new Container()
      .provide(
        User,
        factory(() => ({ name: 'x' }), { scope: 'request', dispose: (u) => disposed.push(u.name) }),
      )
      .add(ws);
    assert.equal((await container.inject({ url: '/fail' })).status, 409);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(disposed, ['x']);
  });

  test('a provider can stop the request with a result', async () => {
    let ran = false;
    const ws = new WebService('/');
    ws.get('/guarded')
      .inject({ user: User })
      .to(() => {
        ran = true;
        return 'secret';
      });
    const container = new Container()
      .provide(
        User,
        factory(
          { ctx: contextToken },
          ({ ctx }) =>
            ctx.header('authorization') === undefined ? stop(status(401, { login: true })) : { name: 'ok' },
          { scope: 'request' },
        ),
      )
      .add(ws);
    const res = await container.inject({ url: '/guarded' });
    assert.equal(res.status, 401);
    assert.deepEqual(res.json(), { login: true });
    assert.equal(ran, false);
  });

  test('the nearest provider wins: route over service over container', async () => {
    const ws = new WebService('/').provide(Prefix, value('service'));
    ws.get('/a')
      .inject({ prefix: Prefix })
      .to((_i, d) => d.prefix);
    ws.get('/b')
      .provide(Prefix, value('route'))
      .inject({ prefix: Prefix })
      .to((_i, d) => d.prefix);
    const other = new WebService('/other');
    other
      .get('/')
      .inject({ prefix: Prefix })
      .to((_i, d) => d.prefix);
    const container = new Container().provide(Prefix, value('container')).add(ws).add(other);
    assert.equal((await container.inject({ url: '/a' })).body, '"service"');
    assert.equal((await container.inject({ url: '/b' })).body, '"route"');
    assert.equal((await container.inject({ url: '/other' })).body, '"container"');
  });

  test('a missing provider fails ready() naming the route, before any request', async () => {
    const ws = new WebService('/');
    ws.get('/time')
      .inject({ clock: Clock })
      .to((_i, d) => d.clock.now());
    const container = new Container().add(ws);
    await assert.rejects(container.ready(), /no provider for Clock, needed by route GET \/time/);
  });

  test('singletons are disposed on close', async () => {
    const closed: string[] = [];
    const ws = new WebService('/');
    ws.get('/p')
      .inject({ prefix: Prefix })
      .to((_i, d) => d.prefix);
    const container = new Container().provide(Prefix, value('p', { dispose: (v) => closed.push(v) })).add(ws);
    await container.inject({ url: '/p' });
    await container.close();
    assert.deepEqual(closed, ['p']);
  });
});
