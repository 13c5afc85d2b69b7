import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { compileWalk } from '../../src/router/compiled-walk.js';
import { type LookupResult, RouteConflictError, Router, type RouterOptions } from '../../src/router/index.js';
import { Matcher } from '../../src/router/matcher.js';
import { planRoute } from '../../src/router/route-plan.js';
import { parseTemplate } from '../../src/router/template-parser.js';
import { insert, Node } from '../../src/router/trie.js';

// The generated matcher must answer exactly as the interpreted walk of the same trie. A small
// vocabulary makes templates share prefixes and paths hit them, so backtracking, macros, verbs
// and tails are exercised rather than near-certain misses.

const word = fc.constantFrom('a', 'ab', 'b', 'users', 'u', 'x.json', '1', '42', 'true');
const param = fc.constantFrom(
  '{p}',
  '{p:int}',
  '{p:int min(2)}',
  '{p:uint8 else 400}',
  '{p:bool}',
  '{p:alphabetical}',
  '{p:[a-z]{2}}',
  '{p}-{p}',
  'v{p:int}',
  '{p:int}h{p}m',
  '{p}.{p:alphabetical}',
  '{p}.json',
);
/** Only the last segment may be optional or carry a tail or a multi-segment macro. */
const last = fc.constantFrom('{p}:cancel', '{p:*}', '{p:path}', '{p:date}', '{p?}', '{p?:int}', '{p:*?}');

const template = fc
  .tuple(fc.array(fc.oneof(word, param), { maxLength: 4 }), fc.oneof(word, param, last))
  .map(([middle, last]) => {
    let n = 0;
    const segments = [...middle, last].map((part) => part.replace(/\{p/g, () => `{p${n++}`));
    return `/${segments.join('/')}`;
  });

const pathSegment = fc.oneof(
  { weight: 6, arbitrary: word },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'ab:cancel',
      'a.json',
      '2024',
      '07',
      '31',
      '300',
      'zz',
      '',
      'abcdefghijk',
      '1-2',
      'a-b-c',
      'v3',
      '1h2m',
      'x.json.ab',
      'a.b',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('%61', '%zz', 'a%2Fb', 'q?x=1', 'h#f', 'A', 'x'.repeat(120)) },
);
const path = fc
  .tuple(fc.array(pathSegment, { minLength: 1, maxLength: 6 }), fc.constantFrom('', '', '', '/', '?a=b'))
  .map(([segments, end]) => `/${segments.join('/')}${end}`);

function build(routes: readonly (readonly [string, string])[], options: RouterOptions): Router<number> {
  const router = new Router<number>(options);
  routes.forEach(([method, text], index) => {
    try {
      router.add(method, text, index);
    } catch (error) {
      if (!(error instanceof RouteConflictError)) throw error;
    }
  });
  return router;
}

function same(generated: LookupResult<number>, walked: LookupResult<number>, where: string): void {
  assert.deepStrictEqual(
    generated.kind === 'found' ? { ...generated, params: { ...generated.params } } : generated,
    walked.kind === 'found' ? { ...walked, params: { ...walked.params } } : walked,
    where,
  );
}

describe('generated matcher', () => {
  test('answers every lookup as the interpreted walk does', () => {
    let found = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('GET', 'GET', 'POST', '*'), template), { maxLength: 30 }),
        fc.array(path, { minLength: 1, maxLength: 20 }),
        fc.constantFrom(10, 100),
        (routes, paths, maxParamLength) => {
          const generated = build(routes, { maxParamLength });
          const walked = build(routes, { maxParamLength, codegen: false });
          for (const candidate of paths) {
            for (const method of ['GET', 'POST']) {
              const answer = generated.lookup(method, candidate);
              if (answer.kind === 'found') found++;
              same(answer, walked.lookup(method, candidate), `${method} ${candidate}`);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
    // The vocabulary is meant to produce matches; without them the comparison says little.
    assert.ok(found > 200, `only ${found} lookups matched`);
  });

  test('large tries split into functions and crowded nodes agree with the walk', () => {
    const routes: [string, string][] = [];
    const paths: string[] = [];
    // 40 literals under one first letter: a crowded node, left to the walk.
    for (let i = 0; i < 40; i++) {
      routes.push(['GET', `/c/case${i}/{id}`]);
      paths.push(`/c/case${i}/7`, `/c/case${i}x/7`);
    }
    // Wide and deep subtrees: more code than one function should hold.
    for (let i = 0; i < 30; i++) {
      for (const sub of ['issues', 'pulls', 'labels', 'hooks']) {
        routes.push(['GET', `/r${i}/{owner}/{repo}/${sub}/{n:int}/comments`]);
        routes.push(['GET', `/r${i}/{owner}/{repo}/${sub}/{n}`]);
        paths.push(`/r${i}/o/r/${sub}/12/comments`, `/r${i}/o/r/${sub}/x`, `/r${i}/o/r/${sub}/12/nope`);
      }
      routes.push(['GET', `/r${i}/{owner}/{repo}/contents/{path:*}`]);
      paths.push(`/r${i}/o/r/contents/a/b.txt`, `/r${i}/o/r/contents/a%20b`, `/r${i}/o/r/contents/`);
    }
    const generated = build(routes, {});
    const walked = build(routes, { codegen: false });
    let found = 0;
    for (const candidate of paths) {
      const answer = generated.lookup('GET', candidate);
      if (answer.kind === 'found') found++;
      same(answer, walked.lookup('GET', candidate), candidate);
    }
    assert.equal(found, 40 + 30 * 4 * 2 + 30 * 2);
  });

  test('a node with hundreds of literals is left to the walk, not spelled out in code', () => {
    // 62 first letters × 12 literals: no letter is crowded, but the node's code alone would be
    // far past what V8 optimizes, which made lookups ten times slower than the walk.
    const chars = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const root = new Node<number>();
    let n = 0;
    for (const c of chars) {
      for (let k = 0; k < 12; k++) {
        const [plan] = planRoute(parseTemplate(`/${c}x${k}/{id}`), false, true);
        insert(root, plan!.steps, true).leaf = { value: n++ } as never;
      }
    }
    const matcher = new Matcher<number>(100, true);
    const walk = compileWalk(root, matcher, 100);
    assert.ok(walk !== null);
    assert.ok(String(walk).length < 1000, `generated ${String(walk).length} characters for one node`);
    // The router hands the generated code its matcher's own values, which the walk fills.
    assert.deepEqual(walk('/Zx11/42', matcher.values), { value: 743 });
    assert.equal(matcher.values[0], '42');
  });

  test('crowded nodes share code per subtree shape and agree with the walk', () => {
    const routes: [string, string][] = [];
    const paths: string[] = [];
    // 300 siblings in four shapes: the generated matcher hashes the segment and runs one
    // function per shape, each child reading its own routes.
    for (let i = 0; i < 300; i++) {
      const base = `/api/v${i % 3}/res${i}`;
      const shape = i % 4;
      if (shape === 0)
        routes.push(['GET', base], ['GET', `${base}/{id:int}`], ['GET', `${base}/{id:int}/sub/{name}`]);
      if (shape === 1) routes.push(['GET', `${base}/{lat}-{lng}`], ['GET', `${base}/{rest:*?}`]);
      if (shape === 2) routes.push(['GET', `${base}/{id:uint8}`], ['GET', `${base}/x/{p:path}`]);
      if (shape === 3) routes.push(['GET', `${base}/{name}.{ext}`], ['GET', `${base}/{n:int}h{m:int}m`]);
      for (const tail of [
        '',
        '/7',
        '/-0',
        '/-',
        '/12345678901234567',
        '/300',
        '/7/sub/a',
        '/1-2',
        '/a.b.c',
        '/9h5m',
        '/x/a/b',
        '/%41',
        '/?q',
      ]) {
        paths.push(`${base}${tail}`);
      }
    }
    paths.push('/api/v0/res9999/7', '/api/v0/res', '/wp-login.php');
    for (const maxParamLength of [100, 3]) {
      const generated = build(routes, { maxParamLength });
      const walked = build(routes, { maxParamLength, codegen: false });
      let found = 0;
      for (const candidate of paths) {
        const answer = generated.lookup('GET', candidate);
        if (answer.kind === 'found') found++;
        same(answer, walked.lookup('GET', candidate), `${maxParamLength} ${candidate}`);
      }
      assert.ok(found > 600, `only ${found} lookups matched`);
    }
  });

  test('a miss decided early still finds routes an escape, query or fragment leads to', () => {
    // Misses on literal-only branches and on fully read parameter segments end without a scan of
    // the path; each path here needs the careful pass, so an early verdict would lose the route.
    const routes: [string, string][] = [
      ['GET', '/api/v1'],
      ['GET', '/api/v1/items'],
      ['GET', '/api/v1/items/{id:int}'],
      ['GET', '/a'],
    ];
    for (let i = 0; i < 30; i++) routes.push(['GET', `/api/v2/res${i}`], ['GET', `/api/v2/res${i}/{id:int}`]);
    const router = build(routes, {});
    const walked = build(routes, { codegen: false });
    const cases: [string, string | null][] = [
      ['/ap%69/v1/items', '/api/v1/items'],
      ['/api/v%31/items', '/api/v1/items'],
      ['/api/v1/ite%6ds', '/api/v1/items'],
      ['/api/v1/?q=1', '/api/v1'],
      ['/api/v1?q=1', '/api/v1'],
      ['/api/v1/items/%31', '/api/v1/items/{id:int}'],
      ['/api/v1/items/1?x', '/api/v1/items/{id:int}'],
      ['/api/v1/items/1#x', '/api/v1/items/{id:int}'],
      ['/api/v2/re%737', '/api/v2/res7'],
      ['/api/v2/res7?x', '/api/v2/res7'],
      ['/api/v2/res7/%37', '/api/v2/res{i}/{id:int}'],
      ['/%61', '/a'],
      ['/a?b', '/a'],
      ['/api/v1/items/abc', null],
      ['/api/v9/items', null],
      ['/api/v2/res99/1', null],
      ['/wp-login.php', null],
      ['/api/v1/other?x', null],
    ];
    for (const [candidate, template] of cases) {
      const answer = router.lookup('GET', candidate);
      same(answer, walked.lookup('GET', candidate), candidate);
      const expected = template?.replace('res{i}', candidate.slice(8, 12)) ?? null;
      assert.equal(answer.kind === 'found' ? answer.template : null, expected, candidate);
    }
    // With parameters beside the literals, a miss is only final once a segment read to the end
    // of the path showed it clean.
    const mixed = build(
      [
        ['GET', '/t/items'],
        ['GET', '/{tenant}/x'],
        ['GET', '/{tenant}/n/{id:int}'],
      ],
      {},
    );
    assert.equal(mixed.find('GET', '/t/ite%6ds')?.value, 0);
    assert.equal(mixed.find('GET', '/t/items?q')?.value, 0);
    assert.deepEqual(mixed.find('GET', '/a/n/%37')?.params, { tenant: 'a', id: 7 });
    assert.equal(mixed.find('GET', '/a/n/abc'), null);
    // Literals reached through a parameter: a miss on the last segment is final only when that
    // segment holds no escape, `?` or `#`.
    const behind = build(
      [
        ['GET', '/{tenant}/docs/readme'],
        ['GET', '/{tenant}/docs/license'],
      ],
      {},
    );
    assert.equal(behind.find('GET', '/a/docs/re%61dme')?.value, 0);
    assert.equal(behind.find('GET', '/a/docs/readme?x=1')?.value, 0);
    assert.equal(behind.find('GET', '/a/docs/license#top')?.value, 1);
    assert.equal(behind.find('GET', '/a/do%63s/license')?.value, 1);
    assert.equal(behind.find('GET', '/a/docs/nope'), null);
    assert.equal(behind.find('GET', '/a/docs/nope/more'), null);
  });

  test('a run of single literals compared as one text still reads escapes, queries and fragments', () => {
    // `/very/deeply/nested/route` is compared in one piece; a miss inside it is only final once
    // every segment it spans was seen to hold no escape, `?` or `#`.
    const routes: [string, string][] = [
      ['GET', '/very/deeply/nested/route'],
      ['GET', '/very/deeply/nested/route/{id}'],
      ['GET', '/very/shallow'],
      ['GET', '/x/{p}/a/b/c'],
    ];
    const router = build(routes, {});
    const walked = build(routes, { codegen: false });
    const cases: [string, string | null][] = [
      ['/very/deeply/nested/route', '/very/deeply/nested/route'],
      ['/very/deeply/n%65sted/route', '/very/deeply/nested/route'],
      ['/very/deeply/nested/rout%65', '/very/deeply/nested/route'],
      ['/very/deeply/nested/route?q=1', '/very/deeply/nested/route'],
      ['/very/deeply/nested/route#f', '/very/deeply/nested/route'],
      ['/very/deeply/nested/route/7', '/very/deeply/nested/route/{id}'],
      ['/very/deeply/nested/route/%37', '/very/deeply/nested/route/{id}'],
      ['/very/shallow', '/very/shallow'],
      ['/very/deeply/nested', null],
      ['/very/deeply/nested/routes', null],
      ['/very/deeply/nestedroute', null],
      ['/very/deeply/other/route', null],
      ['/very/deeply/other/route?q', null],
      ['/x/1/a/b/c', '/x/{p}/a/b/c'],
      ['/x/1/a/%62/c', '/x/{p}/a/b/c'],
      ['/x/1/a/b/d', null],
    ];
    for (const [candidate, template] of cases) {
      const answer = router.lookup('GET', candidate);
      same(answer, walked.lookup('GET', candidate), candidate);
      assert.equal(answer.kind === 'found' ? answer.template : null, template, candidate);
    }
  });

  test('a crowded node whose label holds an escaped ? or # answers raw text that spells it', () => {
    const routes: [string, string][] = [['GET', '/a/r%3Fx/{id}']];
    for (let i = 0; i < 20; i++) routes.push(['GET', `/a/r${i}/{id}`]);
    const router = build(routes, {});
    const walked = build(routes, { codegen: false });
    for (const candidate of ['/a/r?x/1', '/a/r%3Fx/1', '/a/r#x/1', '/a/r3/1']) {
      same(router.lookup('GET', candidate), walked.lookup('GET', candidate), candidate);
    }
    assert.equal(router.find('GET', '/a/r%3Fx/1')?.value, 0);
    assert.equal(router.lookup('GET', '/a/r?x/1').kind, 'not-found');
  });

  test('integers are read inline within the macro bounds', () => {
    const router = new Router<string>();
    router
      .add('GET', '/i/{n:int}', 'int')
      .add('GET', '/u/{n:uint8}', 'uint8')
      .add('GET', '/s/{n:int8}/x', 'int8');
    assert.deepEqual(router.find('GET', '/i/-0')?.params, { n: 0 });
    assert.equal(Object.is(router.find('GET', '/i/-0')?.params.n, -0), false);
    assert.deepEqual(router.find('GET', '/i/007')?.params, { n: 7 });
    assert.deepEqual(router.find('GET', '/i/9007199254740991')?.params, { n: 9007199254740991 });
    assert.equal(router.find('GET', '/i/9007199254740992'), null);
    assert.deepEqual(router.find('GET', '/i/-123456789012345')?.params, { n: -123456789012345 });
    assert.equal(router.find('GET', '/i/-'), null);
    assert.equal(router.find('GET', '/i/1e3'), null);
    assert.deepEqual(router.find('GET', '/u/255')?.params, { n: 255 });
    assert.equal(router.find('GET', '/u/256'), null);
    assert.equal(router.find('GET', '/u/-1'), null);
    assert.deepEqual(router.find('GET', '/s/-128/x')?.params, { n: -128 });
    assert.equal(router.find('GET', '/s/-129/x'), null);
  });

  test('routes added or removed after lookups are seen by the next lookup', () => {
    const router = new Router<string>();
    router.add('GET', '/users/{id}', 'user');
    assert.equal(router.find('GET', '/users/7/posts'), null);
    router.add('GET', '/users/{id}/posts', 'posts');
    assert.deepEqual(router.find('GET', '/users/7/posts'), {
      kind: 'found',
      value: 'posts',
      params: { id: '7' },
      template: '/users/{id}/posts',
    });
    assert.ok(router.remove('GET', '/users/{id}'));
    assert.equal(router.find('GET', '/users/7'), null);
    assert.equal(router.find('GET', '/users/7/posts')?.value, 'posts');
  });
});
