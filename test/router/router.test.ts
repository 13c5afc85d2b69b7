import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { Router } from '../../src/router/index.js';
import { routerConformance } from './conformance.js';

routerConformance('Router', (options) => new Router(options));
routerConformance('Router (interpreted walk)', (options) => new Router({ ...options, codegen: false }));

describe('Router options', () => {
  test('reject values that would make matching undefined', () => {
    assert.throws(() => new Router({ maxParamLength: 0 }), TypeError);
    assert.throws(() => new Router({ maxParamLength: 1.5 }), TypeError);
    // @ts-expect-error: not a policy
    assert.throws(() => new Router({ trailingSlash: 'sometimes' }), TypeError);
  });
  test('expose the effective settings', () => {
    const router = new Router();
    assert.equal(router.trailingSlash, 'ignore');
    assert.equal(router.caseSensitive, true);
    assert.equal(router.maxParamLength, 100);
  });
});

describe('Router and macro code', () => {
  test('a macro may look a path up in the router that is calling it', () => {
    const router = new Router<string>();
    Router.macro('knownUser', {
      kind: 'string',
      parse: (segment) => (router.find('GET', `/users/${segment}/exists`) === null ? undefined : segment),
    });
    router.add('GET', '/users/{name}/exists', 'exists');
    router.add('GET', '/profile/{user:knownUser}/{tab}', 'profile');
    const found = router.find('GET', '/profile/ann/posts');
    assert.deepEqual(found?.params, { user: 'ann', tab: 'posts' });
  });
  test('a macro that throws does not leave the router broken', () => {
    const router = new Router<string>();
    Router.macro('explosive', (segment) => {
      if (segment === 'boom') throw new Error('boom');
      return segment;
    });
    router.add('GET', '/x/{v:explosive}/{w}', 'x');
    assert.throws(() => router.find('GET', '/x/boom/1'), /boom/);
    assert.deepEqual(router.find('GET', '/x/ok/1')?.params, { v: 'ok', w: '1' });
  });
});

describe('Router without runtime code generation', () => {
  test('matches and builds params under --disallow-code-generation-from-strings', () => {
    const entry = new URL('../../src/router/index.js', import.meta.url).href;
    const script = [
      `const { Router } = await import(${JSON.stringify(entry)});`,
      'const router = new Router();',
      "router.add('GET', '/u/{id:int}/{slug}', 'u');",
      "process.stdout.write(JSON.stringify(router.find('GET', '/u/5/a%20b')));",
    ].join('\n');
    const run = spawnSync(
      process.execPath,
      ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), {
      kind: 'found',
      value: 'u',
      params: { id: 5, slug: 'a b' },
      template: '/u/{id:int}/{slug}',
    });
  });
});

describe('trailing-slash redirects', () => {
  test('never point at another host, however the path begins', () => {
    const router = new Router<string>({ trailingSlash: 'redirect' });
    router.add('GET', '/{rest:path}', 'any');
    for (const path of ['//evil.example/', '/\\evil.example/', '///evil.example/x/']) {
      const found = router.lookup('GET', path);
      assert.equal(found.kind, 'redirect');
      const location = (found as { location: string }).location;
      assert.equal(new URL(location, 'http://own.example').host, 'own.example', `${path} → ${location}`);
    }
    assert.deepEqual(router.lookup('GET', '//evil.example/'), {
      kind: 'redirect',
      location: '/%2Fevil.example',
    });
  });
});
