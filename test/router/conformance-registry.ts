import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RouteConflictError, STANDARD_METHODS, TemplateError } from '../../src/router/index.js';
import { expectHit, find, type RouterFactory, table } from './conformance-support.js';

/** Methods, conflicts, removal and the registry views of the router. */
export function registryConformance(name: string, create: RouterFactory): void {
  describe(`${name}: any method`, () => {
    const router = table(create, [
      ['*', '/any'],
      ['*', '/items/{id}'],
      ['GET', '/items/{id:int}'],
      ['DELETE', '/any'],
    ]);
    test("'*' answers every method, a specific method wins", () => {
      expectHit(router, 'PUT', '/any', '* /any');
      expectHit(router, 'DELETE', '/any', 'DELETE /any');
      expectHit(router, 'GET', '/items/5', 'GET /items/{id:int}', { id: 5 });
      expectHit(router, 'GET', '/items/x', '* /items/{id}', { id: 'x' });
      expectHit(router, 'PATCH', '/items/5', '* /items/{id}', { id: '5' });
    });
    test("allowed() reports the standard methods for a '*' path", () => {
      assert.deepEqual(router.allowed('/any'), [...STANDARD_METHODS]);
      assert.deepEqual(router.allowed('/nothing'), []);
    });
  });

  describe(`${name}: allowed`, () => {
    const router = table(create, [
      ['GET', '/users'],
      ['POST', '/users'],
      ['PUT', '/users/{id:int}'],
      ['DELETE', '/users/{id}'],
      ['GET', '/q/{n:int else 400}'],
    ]);
    test('lists the registered methods that match, sorted, without adding HEAD', () => {
      assert.deepEqual(router.allowed('/users'), ['GET', 'POST']);
      assert.deepEqual(router.allowed('/users/'), ['GET', 'POST']);
      assert.deepEqual(router.allowed('/users?x=1'), ['GET', 'POST']);
      assert.deepEqual(router.allowed('/users/5'), ['DELETE', 'PUT']);
      assert.deepEqual(router.allowed('/users/me'), ['DELETE']);
      assert.deepEqual(router.allowed('/q/x'), []);
      assert.deepEqual(router.allowed('/none'), []);
    });
  });

  describe(`${name}: conflicts`, () => {
    test('the same shape for the same method is an error naming both templates', () => {
      const router = create<number>();
      router.add('GET', '/u/{id}', 1);
      assert.throws(
        () => router.add('GET', '/u/{name}', 2),
        (error: unknown) =>
          error instanceof RouteConflictError &&
          error.template === '/u/{name}' &&
          error.existing === '/u/{id}' &&
          error.message.includes('/u/{name}') &&
          error.message.includes('/u/{id}'),
      );
    });
    test('same macro with other functions, or a trailing slash, is the same shape', () => {
      const router = create<number>();
      router.add('GET', '/u/{id:int min(1)}', 1);
      router.add('GET', '/users', 2);
      assert.throws(() => router.add('GET', '/u/{n:int max(9)}', 3), RouteConflictError);
      assert.throws(() => router.add('GET', '/users/', 4), RouteConflictError);
      assert.throws(() => router.add('GET', '/u/{n:int}', 5), /\/u\/\{id:int min\(1\)\}/);
    });
    test('other methods, macros, regexes, suffixes or strict slashes are not conflicts', () => {
      const router = create<number>({ trailingSlash: 'strict' });
      const routes = [
        ['GET', '/u/{id}'],
        ['POST', '/u/{id}'],
        ['GET', '/u/{id:int}'],
        ['GET', '/u/{id:[a-z]+}'],
        ['GET', '/u/{id:[0-9]+}'],
        ['GET', '/u/{id}:cancel'],
        ['GET', '/u'],
        ['GET', '/u/'],
        ['*', '/u/{id}'],
      ] as const;
      routes.forEach(([method, template], i) => router.add(method, template, i + 1));
      assert.equal(find(router, 'GET', '/u/5:cancel')?.value, 6);
      assert.equal(find(router, 'GET', '/u/')?.value, 8);
    });
    test('a failed add leaves the router unchanged', () => {
      const router = create<number>();
      router.add('GET', '/a/{x}', 1);
      assert.throws(() => router.add('GET', '/a/{y}', 2));
      assert.throws(() => router.add('GET', '/a/{', 3), TemplateError);
      assert.deepEqual(find(router, 'GET', '/a/1'), {
        kind: 'found',
        value: 1,
        params: { x: '1' },
        template: '/a/{x}',
      });
      assert.deepEqual(router.allowed('/a/1'), ['GET']);
      assert.equal(router.remove('GET', '/a/{y}'), false);
    });
    test('a method must be an HTTP token', () => {
      const router = create<number>();
      assert.throws(() => router.add('', '/a', 1), TypeError);
      assert.throws(() => router.add('GE T', '/a', 1), TypeError);
    });
  });

  describe(`${name}: remove`, () => {
    test('removed routes stop matching and can be added again', () => {
      const router = create<string>();
      router.add('GET', '/a', 'a');
      router.add('GET', '/b/{id:int}', 'b');
      router.add('POST', '/b/{id:int}', 'c');
      assert.equal(router.remove('GET', '/b/{id:int}'), true);
      assert.equal(find(router, 'GET', '/b/1'), null);
      assert.equal(find(router, 'POST', '/b/1')?.value, 'c');
      assert.deepEqual(router.allowed('/b/1'), ['POST']);
      router.add('GET', '/b/{id:int}', 'b2');
      assert.equal(find(router, 'GET', '/b/1')?.value, 'b2');
      assert.equal(router.remove('GET', '/a'), true);
      assert.equal(find(router, 'GET', '/a'), null);
      assert.equal(router.remove('GET', '/a'), false);
    });
    test('remove names the route exactly: another template of the same shape is not removed', () => {
      const router = create<string>();
      router.add('GET', '/u/{id:int min(1)}', 'u');
      assert.equal(router.remove('GET', '/u/{id:int}'), false);
      assert.equal(router.remove('GET', '/u/{n:int min(1)}'), false);
      assert.equal(router.remove('DELETE', '/u/{id:int min(1)}'), false);
      assert.equal(router.remove('GET', '/u/{id:int min(1)}'), true);
      assert.equal(find(router, 'GET', '/u/5'), null);
    });
    test('removing a route keeps its siblings', () => {
      const router = create<string>();
      const names = Array.from({ length: 20 }, (_, i) => `s${i}`);
      for (const segment of names) router.add('GET', `/x/${segment}/{id}`, segment);
      router.remove('GET', '/x/s3/{id}');
      for (const segment of names) {
        assert.equal(find(router, 'GET', `/x/${segment}/1`)?.value, segment === 's3' ? undefined : segment);
      }
    });
  });
}
