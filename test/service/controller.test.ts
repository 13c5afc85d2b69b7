import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Container, useClass, WebService } from '../../src/index.js';

class Clock {
  now(): string {
    return '2024-01-01';
  }
}

class Users {
  static inject = [Clock] as const;
  static params = { getBy: '{id:int}' } as const;
  constructor(readonly clock: Clock) {}
  get() {
    return { at: this.clock.now() };
  }
  getBy(input: { path: { id: number } }) {
    return { id: input.path.id };
  }
  getUserID() {
    return { route: 'user/id' };
  }
}

test('ws.controller(C) registers the routes its method names say', async () => {
  const ws = new WebService('/users').controller(Users);
  const container = new Container().provide(Clock, useClass(Clock)).add(ws);
  assert.deepEqual((await container.inject({ url: '/users' })).json(), { at: '2024-01-01' });
  assert.deepEqual((await container.inject({ url: '/users/9' })).json(), { id: 9 });
  assert.deepEqual((await container.inject({ url: '/users/user/id' })).json(), { route: 'user/id' });
  assert.equal((await container.inject({ url: '/users/x' })).status, 404);
});
