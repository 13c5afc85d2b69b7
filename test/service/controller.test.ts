import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { Container, useClass, WebService } from '../../src/index.js';

class Clock {
  now(): string {
    return '2024-01-01';
  }
}

class Users {
  static expose = ['get', 'getBy', 'getUserID'] as const;
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

test("the startup log lists each controller's routes; a private helper is not among them", async () => {
  class Accounts {
    static expose = ['getBy'] as const;
    getBy() {
      return { ok: this.getSecret() !== '' };
    }
    private getSecret() {
      return 'secret';
    }
  }
  const lines: { msg: string; controller?: string; routes?: string[] }[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  const container = new Container({ logger }).add(new WebService('/p').controller(Accounts));
  await container.ready();
  const line = lines.find((l) => l.controller === 'Accounts');
  assert.equal(line?.msg, 'controller Accounts serves 1 route(s)');
  assert.deepEqual(line?.routes, ['GET /p/{id} → getBy']);
  assert.equal((await container.inject({ url: '/p/secret' })).json<{ ok: boolean }>().ok, true);
  assert.equal((await container.inject({ url: '/p/secret/x' })).status, 404);
});
