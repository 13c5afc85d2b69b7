import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  expectHit,
  expectMiss,
  find,
  type RouterFactory,
  type Routes,
  table,
} from './conformance-support.js';

/** How paths match: priorities, backtracking, parameters, decoding and the path policies. */
export function matchingConformance(name: string, create: RouterFactory): void {
  describe(`${name}: static routes`, () => {
    const router = table(create, [
      ['GET', '/'],
      ['GET', '/user'],
      ['GET', '/user/comments'],
      ['POST', '/user'],
    ]);
    test('match exactly, per method', () => {
      expectHit(router, 'GET', '/', 'GET /');
      expectHit(router, 'GET', '/user', 'GET /user');
      expectHit(router, 'POST', '/user', 'POST /user');
      expectHit(router, 'GET', '/user/comments', 'GET /user/comments');
      expectMiss(router, 'GET', '/users');
      expectMiss(router, 'GET', '/use');
      expectMiss(router, 'DELETE', '/user');
      expectMiss(router, 'GET', '/user/comments/x');
    });
    test('a static hit carries the template and an empty params object', () => {
      const result = router.lookup('GET', '/user');
      assert.deepEqual(result, { kind: 'found', value: 'GET /user', params: {}, template: '/user' });
    });
    test('the query string and fragment are not part of the path', () => {
      expectHit(router, 'GET', '/user?tab=1', 'GET /user');
      expectHit(router, 'GET', '/user#top', 'GET /user');
      expectHit(router, 'GET', '/?', 'GET /');
    });
    test('nodes with many literal children find each of them', () => {
      const words = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima'.split(' ');
      const numbered = Array.from({ length: 300 }, (_, i) => `res${i}`);
      for (const caseSensitive of [true, false]) {
        const many = table(
          create,
          [...words, ...numbered].flatMap((word) => [
            ['GET', `/${word}`] as const,
            ['GET', `/${word}/{id}`] as const,
            ['GET', `/x/${word}/y`] as const,
          ]),
          { caseSensitive },
        );
        for (const word of [...words, ...numbered]) {
          const spelled = caseSensitive ? word : word.toUpperCase();
          expectHit(many, 'GET', `/${word}`, `GET /${word}`);
          expectHit(many, 'GET', `/${spelled}/7`, `GET /${word}/{id}`, { id: '7' });
          expectHit(many, 'GET', `/x/${word}/y`, `GET /x/${word}/y`);
          expectHit(many, 'GET', `/x/${word.replace(/a/g, '%61')}/y`, `GET /x/${word}/y`);
        }
        expectMiss(many, 'GET', '/x/res300/y');
        expectMiss(many, 'GET', '/x/alph/y');
        expectMiss(many, 'GET', '/x/alphas/y');
      }
    });
    test('anything but an absolute path matches nothing', () => {
      expectMiss(router, 'GET', '');
      expectMiss(router, 'GET', 'user');
      expectMiss(router, 'OPTIONS', '*');
    });
  });

  describe(`${name}: priorities`, () => {
    const router = table(create, [
      ['GET', '/p/new'],
      ['GET', '/p/{id:int}'],
      ['GET', '/p/{code:[A-Z]{3}}'],
      ['GET', '/p/{name}'],
      ['GET', '/p/{rest:*}'],
    ]);
    test('static, then macro, then regex, then plain, then tail', () => {
      expectHit(router, 'GET', '/p/new', 'GET /p/new');
      expectHit(router, 'GET', '/p/42', 'GET /p/{id:int}', { id: 42 });
      expectHit(router, 'GET', '/p/ABC', 'GET /p/{code:[A-Z]{3}}', { code: 'ABC' });
      expectHit(router, 'GET', '/p/abc', 'GET /p/{name}', { name: 'abc' });
      expectHit(router, 'GET', '/p/a/b', 'GET /p/{rest:*}', { rest: 'a/b' });
    });
    test('registration order does not change priorities', () => {
      const reversed = table(create, [
        ['GET', '/p/{rest:*}'],
        ['GET', '/p/{name}'],
        ['GET', '/p/{code:[A-Z]{3}}'],
        ['GET', '/p/{id:int}'],
        ['GET', '/p/new'],
      ]);
      for (const path of ['/p/new', '/p/42', '/p/ABC', '/p/abc', '/p/a/b']) {
        assert.equal(find(reversed, 'GET', path)?.value, find(router, 'GET', path)?.value, path);
      }
    });
    test('same-shape templates with different macros are tried in turn', () => {
      const users = table(create, [
        ['GET', '/u/{id:int}'],
        ['GET', '/u/{name:alphabetical}'],
      ]);
      expectHit(users, 'GET', '/u/12', 'GET /u/{id:int}', { id: 12 });
      expectHit(users, 'GET', '/u/bob', 'GET /u/{name:alphabetical}', { name: 'bob' });
      expectMiss(users, 'GET', '/u/b0b');
    });
    test('a more specific custom verb wins over the bare parameter', () => {
      const tasks = table(create, [
        ['POST', '/tasks/{id}'],
        ['POST', '/tasks/{id}:cancel'],
        ['POST', '/tasks/{id}:run'],
      ]);
      expectHit(tasks, 'POST', '/tasks/5:cancel', 'POST /tasks/{id}:cancel', { id: '5' });
      expectHit(tasks, 'POST', '/tasks/5:run', 'POST /tasks/{id}:run', { id: '5' });
      expectHit(tasks, 'POST', '/tasks/5', 'POST /tasks/{id}', { id: '5' });
      expectHit(tasks, 'POST', '/tasks/5:other', 'POST /tasks/{id}', { id: '5:other' });
      expectHit(tasks, 'POST', '/tasks/:cancel', 'POST /tasks/{id}', { id: ':cancel' });
    });
  });

  describe(`${name}: backtracking`, () => {
    test('a static branch that dead-ends falls back to a parameter', () => {
      const router = table(create, [
        ['GET', '/a/{x}/c'],
        ['GET', '/a/b/d'],
      ]);
      expectHit(router, 'GET', '/a/b/c', 'GET /a/{x}/c', { x: 'b' });
      expectHit(router, 'GET', '/a/b/d', 'GET /a/b/d');
      expectHit(router, 'GET', '/a/z/c', 'GET /a/{x}/c', { x: 'z' });
      expectMiss(router, 'GET', '/a/b/e');
    });
    test('/a/{x}/c and /a/b/{y} both resolve', () => {
      const router = table(create, [
        ['GET', '/a/{x}/c'],
        ['GET', '/a/b/{y}'],
      ]);
      expectHit(router, 'GET', '/a/b/c', 'GET /a/b/{y}', { y: 'c' });
      expectHit(router, 'GET', '/a/b/d', 'GET /a/b/{y}', { y: 'd' });
      expectHit(router, 'GET', '/a/q/c', 'GET /a/{x}/c', { x: 'q' });
      expectMiss(router, 'GET', '/a/q/d');
    });
    test('a segment parameter and a tail share a prefix', () => {
      const router = table(create, [
        ['GET', '/files/{name}'],
        ['GET', '/files/{rest:path}'],
      ]);
      expectHit(router, 'GET', '/files/a.txt', 'GET /files/{name}', { name: 'a.txt' });
      expectHit(router, 'GET', '/files/docs/a.txt', 'GET /files/{rest:path}', { rest: 'docs/a.txt' });
      expectMiss(router, 'GET', '/files');
    });
    test('a macro that matches but leads nowhere yields to the next parameter', () => {
      const router = table(create, [
        ['GET', '/u/{id:int}/posts'],
        ['GET', '/u/{name}/likes'],
        ['GET', '/u/{name}/{tab:[a-z]+}/{page:int}'],
      ]);
      expectHit(router, 'GET', '/u/5/posts', 'GET /u/{id:int}/posts', { id: 5 });
      expectHit(router, 'GET', '/u/5/likes', 'GET /u/{name}/likes', { name: '5' });
      expectHit(router, 'GET', '/u/5/posts/2', 'GET /u/{name}/{tab:[a-z]+}/{page:int}', {
        name: '5',
        tab: 'posts',
        page: 2,
      });
    });
    test('parameter values from an abandoned branch do not leak into the match', () => {
      const router = table(create, [
        ['GET', '/{a}/{b}/x'],
        ['GET', '/{c}/y/{d:int}/z'],
      ]);
      expectHit(router, 'GET', '/1/y/2/z', 'GET /{c}/y/{d:int}/z', { c: '1', d: 2 });
      expectHit(router, 'GET', '/1/y/x', 'GET /{a}/{b}/x', { a: '1', b: 'y' });
    });
  });

  describe(`${name}: typed parameters`, () => {
    test('macros give typed values', () => {
      const router = table(create, [
        ['GET', '/n/{n:int}'],
        ['GET', '/big/{n:int64}'],
        ['GET', '/flag/{on:bool}'],
        ['GET', '/day/{d:weekday}'],
        ['GET', '/log/{when:date}'],
      ]);
      expectHit(router, 'GET', '/n/-7', 'GET /n/{n:int}', { n: -7 });
      expectHit(router, 'GET', '/big/9223372036854775807', 'GET /big/{n:int64}', { n: 9223372036854775807n });
      expectHit(router, 'GET', '/flag/T', 'GET /flag/{on:bool}', { on: true });
      expectHit(router, 'GET', '/day/Friday', 'GET /day/{d:weekday}', { d: 5 });
      expectHit(router, 'GET', '/log/2024/02/29', 'GET /log/{when:date}', { when: new Date('2024-02-29') });
      expectMiss(router, 'GET', '/log/2023/02/29');
      expectMiss(router, 'GET', '/log/2024/02');
      expectMiss(router, 'GET', '/log/2024/02/28/x');
    });
    test('regex parameters are anchored to the whole segment', () => {
      const router = table(create, [['GET', '/r/{code:[0-9]{3}}']]);
      expectHit(router, 'GET', '/r/123', 'GET /r/{code:[0-9]{3}}', { code: '123' });
      expectMiss(router, 'GET', '/r/1234');
      expectMiss(router, 'GET', '/r/x123');
    });
    test('a tail needs at least one character', () => {
      const router = table(create, [['GET', '/static/{file:*}']], { trailingSlash: 'strict' });
      expectHit(router, 'GET', '/static/a', 'GET /static/{file:*}', { file: 'a' });
      expectHit(router, 'GET', '/static/a/', 'GET /static/{file:*}', { file: 'a/' });
      expectMiss(router, 'GET', '/static/');
    });
    test('a parameter does not match an empty segment', () => {
      const router = table(create, [['GET', '/a/{x}/b']]);
      expectMiss(router, 'GET', '/a//b');
    });
  });

  describe(`${name}: else statuses`, () => {
    const router = table(create, [
      ['GET', '/q/{n:int min(1) max(9) else 400}'],
      ['GET', '/plain/{n:int min(1)}'],
      ['GET', '/r/{a:int else 404}/{b:int else 422}'],
      ['GET', '/s/{n:int else 400}/tail'],
    ]);
    test('a failed macro with else answers its status when nothing else matches', () => {
      assert.deepEqual(router.lookup('GET', '/q/50'), {
        kind: 'rejected',
        status: 400,
        param: 'n',
        template: '/q/{n:int min(1) max(9) else 400}',
      });
      assert.equal(router.lookup('GET', '/q/abc').kind, 'rejected');
      expectHit(router, 'GET', '/q/5', 'GET /q/{n:int min(1) max(9) else 400}', { n: 5 });
    });
    test('without else a failed macro is simply no match', () => {
      expectMiss(router, 'GET', '/plain/0');
    });
    test('the first failed parameter is the one reported', () => {
      assert.deepEqual(router.lookup('GET', '/r/x/y'), {
        kind: 'rejected',
        status: 404,
        param: 'a',
        template: '/r/{a:int else 404}/{b:int else 422}',
      });
      assert.deepEqual(router.lookup('GET', '/r/1/y'), {
        kind: 'rejected',
        status: 422,
        param: 'b',
        template: '/r/{a:int else 404}/{b:int else 422}',
      });
    });
    test('the rest of the path must still match the template shape', () => {
      assert.equal(router.lookup('GET', '/s/x/tail').kind, 'rejected');
      expectMiss(router, 'GET', '/s/x/other');
      expectMiss(router, 'GET', '/q/50/more');
    });
    test('a rejection before a literal last segment names its own parameter and status', () => {
      const fresh = table(create, [
        ['GET', '/s/{n:int else 400}/tail'],
        ['GET', '/r/{a:int else 404}/{b:int else 422}'],
      ]);
      const rejected = {
        kind: 'rejected',
        status: 400,
        param: 'n',
        template: '/s/{n:int else 400}/tail',
      };
      assert.deepEqual(fresh.lookup('GET', '/s/x/tail'), rejected);
      assert.equal(fresh.lookup('GET', '/r/1/y').kind, 'rejected');
      assert.deepEqual(fresh.lookup('GET', '/s/x/tail'), rejected);
    });
    test('another route that matches wins over the rejection', () => {
      const both = table(create, [
        ['GET', '/q/{n:int else 400}'],
        ['GET', '/q/{name}'],
      ]);
      expectHit(both, 'GET', '/q/abc', 'GET /q/{name}', { name: 'abc' });
    });
    test('a rejection is per method', () => {
      expectMiss(router, 'POST', '/q/50');
      assert.equal(find(router, 'GET', '/q/50'), null);
    });
  });

  describe(`${name}: percent-encoding`, () => {
    const router = table(create, [
      ['GET', '/user'],
      ['GET', '/files/{name}'],
      ['GET', '/n/{n:int}'],
      ['GET', '/caf%C3%A9'],
      ['GET', '/thé'],
      ['GET', '/raw/{rest:path}'],
      ['GET', '/t/{id}:cancel'],
    ]);
    test('parameters come back decoded', () => {
      expectHit(router, 'GET', '/files/a%20b', 'GET /files/{name}', { name: 'a b' });
      expectHit(router, 'GET', '/files/a%2Fb', 'GET /files/{name}', { name: 'a/b' });
      expectHit(router, 'GET', '/files/%E2%82%AC', 'GET /files/{name}', { name: '€' });
      expectHit(router, 'GET', '/n/%34%32', 'GET /n/{n:int}', { n: 42 });
      expectHit(router, 'GET', '/raw/a%20b/c', 'GET /raw/{rest:path}', { rest: 'a b/c' });
      expectHit(router, 'GET', '/t/a%20b%3Acancel', 'GET /t/{id}:cancel', { id: 'a b' });
    });
    test('static segments compare decoded', () => {
      expectHit(router, 'GET', '/us%65r', 'GET /user');
      expectHit(router, 'GET', '/caf%C3%A9', 'GET /caf%C3%A9');
      expectHit(router, 'GET', '/caf%c3%a9', 'GET /caf%C3%A9');
      expectHit(router, 'GET', '/th%C3%A9', 'GET /thé');
    });
    test('a malformed escape matches nothing', () => {
      expectMiss(router, 'GET', '/files/%zz');
      expectMiss(router, 'GET', '/files/%E2%82');
      expectMiss(router, 'GET', '/files/100%');
      expectMiss(router, 'GET', '/us%6');
      expectMiss(router, 'GET', '/raw/a/%');
    });
    test('an encoded slash does not split a segment', () => {
      expectMiss(router, 'GET', '/user%2Fx');
      const slashes = table(create, [
        ['GET', '/a%2Fb'],
        ['GET', '/p/100%25'],
        ['GET', '/q/a%2Fb/{id}'],
      ]);
      expectHit(slashes, 'GET', '/a%2Fb', 'GET /a%2Fb');
      expectHit(slashes, 'GET', '/a%2fb', 'GET /a%2Fb');
      expectMiss(slashes, 'GET', '/a/b');
      expectHit(slashes, 'GET', '/p/100%25', 'GET /p/100%25');
      expectMiss(slashes, 'GET', '/p/100%');
      expectHit(slashes, 'GET', '/q/a%2Fb/1', 'GET /q/a%2Fb/{id}', { id: '1' });
      expectMiss(slashes, 'GET', '/q/a/b/1');
    });
  });

  describe(`${name}: parameter length limit`, () => {
    test('by default a parameter longer than 100 characters does not match', () => {
      const router = table(create, [
        ['GET', '/a/{x}'],
        ['GET', '/t/{rest:*}'],
      ]);
      expectHit(router, 'GET', `/a/${'x'.repeat(100)}`, 'GET /a/{x}', { x: 'x'.repeat(100) });
      expectMiss(router, 'GET', `/a/${'x'.repeat(101)}`);
      // A tail is a path, not a name: it is bounded by the server's URL limit instead.
      expectHit(router, 'GET', `/t/${'x'.repeat(300)}`, 'GET /t/{rest:*}', { rest: 'x'.repeat(300) });
    });
    test('the limit is an option and counts the raw text', () => {
      const router = table(create, [['GET', '/a/{x:string}']], { maxParamLength: 5 });
      expectHit(router, 'GET', '/a/abcde', 'GET /a/{x:string}', { x: 'abcde' });
      expectMiss(router, 'GET', '/a/abcdef');
      expectMiss(router, 'GET', '/a/%41%42');
    });
  });

  describe(`${name}: trailing slash`, () => {
    const routes: Routes = [
      ['GET', '/'],
      ['GET', '/users'],
      ['GET', '/users/{id}'],
      ['POST', '/users/'],
    ];
    test("'ignore' (the default) answers both forms", () => {
      const router = table(create, routes);
      expectHit(router, 'GET', '/users/', 'GET /users');
      expectHit(router, 'GET', '/users', 'GET /users');
      expectHit(router, 'GET', '/users/7/', 'GET /users/{id}', { id: '7' });
      expectHit(router, 'POST', '/users', 'POST /users/');
      expectHit(router, 'GET', '/', 'GET /');
      expectMiss(router, 'GET', '/users//');
    });
    test("'strict' keeps them apart", () => {
      const router = table(create, routes, { trailingSlash: 'strict' });
      expectHit(router, 'GET', '/users', 'GET /users');
      expectMiss(router, 'GET', '/users/');
      expectHit(router, 'POST', '/users/', 'POST /users/');
      expectMiss(router, 'POST', '/users');
      expectMiss(router, 'GET', '/users/7/');
    });
    test("'redirect' points at the canonical path, without the query", () => {
      const router = table(create, routes, { trailingSlash: 'redirect' });
      assert.deepEqual(router.lookup('GET', '/users/'), { kind: 'redirect', location: '/users' });
      assert.deepEqual(router.lookup('GET', '/users/7/?x=1'), { kind: 'redirect', location: '/users/7' });
      expectHit(router, 'GET', '/users', 'GET /users');
      expectHit(router, 'GET', '/', 'GET /');
      expectMiss(router, 'GET', '/nothing/');
      assert.equal(find(router, 'GET', '/users/'), null);
    });
  });

  describe(`${name}: case sensitivity`, () => {
    const routes: Routes = [
      ['GET', '/Users/{name}'],
      ['GET', '/about'],
      ['GET', '/t/{id}:Cancel'],
    ];
    test('by default literals are case-sensitive', () => {
      const router = table(create, routes);
      expectHit(router, 'GET', '/Users/Bob', 'GET /Users/{name}', { name: 'Bob' });
      expectMiss(router, 'GET', '/users/Bob');
      expectMiss(router, 'GET', '/ABOUT');
    });
    test('caseSensitive: false folds literals but keeps parameter values', () => {
      const router = table(create, routes, { caseSensitive: false });
      expectHit(router, 'GET', '/uSERS/Bob', 'GET /Users/{name}', { name: 'Bob' });
      expectHit(router, 'GET', '/ABOUT', 'GET /about');
      expectHit(router, 'GET', '/t/Ab:CANCEL', 'GET /t/{id}:Cancel', { id: 'Ab' });
      expectHit(router, 'GET', '/%41BOUT', 'GET /about');
    });
  });
}
