import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Context } from '../../src/http/context.js';
import { HttpError } from '../../src/http/http-error.js';
import { factory, token, useClass, value } from '../../src/inject/index.js';
import { type BeforeActivation, get, inject, post, registerController } from '../../src/mvc/index.js';
import { Container, contextToken, WebService } from '../../src/service/index.js';

class Clock {
  now(): string {
    return '2024-01-01';
  }
}
const Prefix = token<string>('Prefix');
const CurrentUser = token<string>('CurrentUser');

describe('registerController end to end', () => {
  test('routes from names, params and decorators answer through the container', async () => {
    class Orders {
      static expose = ['get', 'getBy', 'getByWildcard'] as const;
      static inject = [Clock] as const;
      static params = { getBy: '{id:int}' };
      @inject(Prefix) accessor prefix!: string;
      constructor(readonly clock: Clock) {}
      get() {
        return { at: this.clock.now(), prefix: this.prefix };
      }
      getBy(input: { path: { id: number } }) {
        return { id: input.path.id, type: typeof input.path.id };
      }
      @post('/{id:int}/cancel')
      cancel(input: { path: { id: number } }) {
        return { cancelled: input.path.id };
      }
      getByWildcard(input: { path: { rest: string } }) {
        return { rest: input.path.rest };
      }
    }
    const ws = new WebService('/orders');
    ws.provide(Prefix, value('ord'));
    registerController(ws, Orders);
    const container = new Container().provide(Clock, useClass(Clock)).add(ws);
    try {
      const root = await container.inject({ url: '/orders' });
      assert.equal(root.status, 200);
      assert.deepEqual(root.json(), { at: '2024-01-01', prefix: 'ord' });
      const one = await container.inject({ url: '/orders/42' });
      assert.deepEqual(one.json(), { id: 42, type: 'number' });
      const cancel = await container.inject({ method: 'POST', url: '/orders/7/cancel' });
      assert.deepEqual(cancel.json(), { cancelled: 7 });
      const rest = await container.inject({ url: '/orders/files/a/b' });
      assert.deepEqual(rest.json(), { rest: 'files/a/b' });
    } finally {
      await container.close();
    }
  });

  test('per-request controllers, hooks that stop, and endRequest after errors', async () => {
    const log: string[] = [];
    class Me {
      static expose = ['get', 'getPublic', 'getFail'] as const;
      @inject(CurrentUser) accessor user!: string;
      beginRequest(ctx: Context<unknown>) {
        log.push(`begin ${ctx.path}`);
        if (this.user === 'anonymous' && ctx.path !== '/me/public') throw new HttpError(401, 'sign in first');
        return undefined;
      }
      get() {
        return { user: this.user };
      }
      getPublic() {
        return { open: true };
      }
      getFail() {
        throw new HttpError(409, 'conflict here');
      }
      endRequest(ctx: Context<unknown>) {
        log.push(`end ${ctx.path}`);
      }
    }
    const ws = new WebService('/me');
    registerController(ws, Me);
    const container = new Container()
      .provide(
        CurrentUser,
        factory({ ctx: contextToken }, ({ ctx }) => ctx.header('x-user') ?? 'anonymous', {
          scope: 'request',
        }),
      )
      .add(ws);
    try {
      const ann = await container.inject({ url: '/me', headers: { 'x-user': 'ann' } });
      assert.deepEqual(ann.json(), { user: 'ann' });
      const bob = await container.inject({ url: '/me', headers: { 'x-user': 'bob' } });
      assert.deepEqual(bob.json(), { user: 'bob' });
      const anonymous = await container.inject({ url: '/me' });
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.json<{ detail: string }>().detail, 'sign in first');
      const open = await container.inject({ url: '/me/public' });
      assert.deepEqual(open.json(), { open: true });
      const failed = await container.inject({ url: '/me/fail', headers: { 'x-user': 'ann' } });
      assert.equal(failed.status, 409);
      assert.deepEqual(log, [
        'begin /me',
        'end /me',
        'begin /me',
        'end /me',
        'begin /me',
        'end /me',
        'begin /me/public',
        'end /me/public',
        'begin /me/fail',
        'end /me/fail',
      ]);
    } finally {
      await container.close();
    }
  });

  test('a singleton controller is shared by all its routes; beforeActivation providers are too', async () => {
    let controllers = 0;
    let greetings = 0;
    const Greeting = token<string>('Greeting');
    class Hello {
      static expose = ['get'] as const;
      static beforeActivation(b: BeforeActivation<Hello>) {
        b.provide(
          Greeting,
          factory(() => `hello #${++greetings}`),
        );
      }
      @inject(Greeting) accessor greeting!: string;
      readonly n = ++controllers;
      get() {
        return { greeting: this.greeting, n: this.n };
      }
      @get('/again')
      again() {
        return { greeting: this.greeting, n: this.n };
      }
    }
    const ws = new WebService('/hello');
    registerController(ws, Hello);
    const container = new Container().add(ws);
    try {
      assert.deepEqual((await container.inject({ url: '/hello' })).json(), { greeting: 'hello #1', n: 1 });
      assert.deepEqual((await container.inject({ url: '/hello/again' })).json(), {
        greeting: 'hello #1',
        n: 1,
      });
      assert.equal(controllers, 1);
      assert.equal(greetings, 1);
    } finally {
      await container.close();
    }
  });

  test('a missing dependency fails ready() with the route named', async () => {
    class Orders {
      static expose = ['get', 'post'] as const;
      static inject = [Clock] as const;
      constructor(readonly clock: Clock) {}
      get() {}
      post() {}
    }
    const ws = new WebService('/orders');
    registerController(ws, Orders);
    const container = new Container().add(ws);
    await assert.rejects(container.ready(), {
      name: 'InjectionGraphError',
      message:
        'dependency graph has 1 problem:\n  - no provider for Clock, needed by Orders ← route GET /orders',
    });
  });
});
