import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LinearRouter, Router } from '../../src/router/index.js';

// routes() and find() are no part of the RouteTable interface; both routers of the folder have them.
const routers = [
  ['Router', <T>() => new Router<T>()],
  ['LinearRouter', <T>() => new LinearRouter<T>()],
] as const;

for (const [name, create] of routers) {
  describe(`${name}: routes() and find()`, () => {
    test('routes() lists every route once, in registration order', () => {
      const router = create<number>();
      router.add('GET', '/b', 1).add('*', '/a/{x}', 2).add('POST', '/b', 3);
      router.remove('GET', '/b');
      router.add('GET', '/b/', 4).add('GET', '/users/{id?:int}', 5);
      assert.deepEqual(router.routes(), [
        { method: '*', template: '/a/{x}', value: 2 },
        { method: 'POST', template: '/b', value: 3 },
        { method: 'GET', template: '/b/', value: 4 },
        { method: 'GET', template: '/users/{id?:int}', value: 5 },
      ]);
      router.remove('GET', '/users/{id?:int}');
      assert.equal(router.routes().length, 3);
    });
    test('find() returns the value and params of a match, null otherwise', () => {
      const router = create<string>();
      router.add('GET', '/u/{id:int else 400}', 'u');
      assert.deepEqual(
        { ...router.find('GET', '/u/3') },
        { kind: 'found', value: 'u', params: { id: 3 }, template: '/u/{id:int else 400}' },
      );
      assert.equal(router.find('GET', '/u/x'), null);
      assert.equal(router.find('GET', '/v'), null);
    });
  });
}
