import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LinearRouter, Router } from '../../src/router/index.js';
import { routerConformance } from './conformance.js';

routerConformance('LinearRouter', (options) => new LinearRouter(options));

describe('LinearRouter order', () => {
  test('parameters of one kind keep the place they first took, as in the trie, across removals', () => {
    // Two macros that accept the same segments: only their order decides `/5`.
    const digits = (segment: string) => (/^[0-9]+$/.test(segment) ? segment : undefined);
    Router.macro('digitsOne', digits);
    Router.macro('digitsTwo', digits);
    const make = <R extends Router<string> | LinearRouter<string>>(router: R): R => {
      router.add('GET', '/{a:digitsOne}/x', 'one x');
      router.add('GET', '/{b:digitsTwo}', 'two');
      router.add('GET', '/{c:digitsOne}', 'one');
      router.remove('GET', '/{a:digitsOne}/x');
      return router;
    };
    const trie = make(new Router<string>());
    const linear = make(new LinearRouter<string>());
    assert.equal(trie.find('GET', '/5')?.value, 'one');
    assert.equal(linear.find('GET', '/5')?.value, 'one');
    trie.remove('GET', '/{c:digitsOne}');
    linear.remove('GET', '/{c:digitsOne}');
    trie.add('GET', '/{c:digitsOne}', 'one again');
    linear.add('GET', '/{c:digitsOne}', 'one again');
    assert.equal(trie.find('GET', '/5')?.value, 'two');
    assert.equal(linear.find('GET', '/5')?.value, 'two');
  });

  test('a macro may look a path up in the router that is calling it', () => {
    const router = new LinearRouter<string>();
    Router.macro('knownLinearUser', {
      kind: 'string',
      parse: (segment) => (router.find('GET', `/users/${segment}/exists`) === null ? undefined : segment),
    });
    router.add('GET', '/users/{name}/exists', 'exists');
    router.add('GET', '/profile/{user:knownLinearUser}/{tab}', 'profile');
    assert.deepEqual(router.find('GET', '/profile/ann/posts')?.params, { user: 'ann', tab: 'posts' });
  });
});
