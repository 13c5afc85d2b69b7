import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RouteConflictError, TemplateError } from '../../src/router/index.js';
import { expectHit, expectMiss, find, type RouterFactory, table } from './conformance-support.js';

// The peers' own cases for the forms below, translated into Bindery's template syntax
// (`:name` → `{name}`, `:name(re)` → `{name:re}`, `*` → `{rest:*}`). Each group names the file
// it comes from; cases a peer answers differently by design are left out and said so.

/** Several parameters and literal text in one segment, optional segments, empty tails, slashes. */
export function grammarConformance(name: string, create: RouterFactory): void {
  // find-my-way test/issue-17.test.js ("Multi parametric route …", "… with fixed suffix").
  describe(`${name}: several parameters in one segment (find-my-way issue-17)`, () => {
    const router = table(create, [
      ['GET', '/a/{p1}-{p2}'],
      ['GET', '/b/{p1}.{p2}'],
      ['GET', '/c/{p1}-{p2}-baz'],
      ['GET', '/d/{p1:[A-Za-z0-9_]+}-{p2:[A-Za-z0-9_]+}-kuux'],
      ['GET', '/e/{p1}-{p2}/{rest:*}'],
      ['GET', '/f/{p1}-{p2}/b/{p3}'],
      ['GET', '/g/{p1:[A-Za-z0-9_]{3}}-{p2:[0-9]+}/b/{p3}'],
      ['GET', '/at/{hour:[0-9]+}h{minute:[0-9]+}m'],
      ['GET', '/u/{uuid:[0-9-]{19}}-{user:[A-Za-z0-9_]+}'],
      ['GET', '/u/{uuid:[0-9-]{19}}-{user:[A-Za-z0-9_]+}/account'],
      ['GET', '/s/{param}-static'],
      ['GET', '/t/{param:[A-Za-z0-9_]{3}}bar'],
    ]);
    test('the text between parameters splits at the last separator', () => {
      expectHit(router, 'GET', '/a/foo-bar', 'GET /a/{p1}-{p2}', { p1: 'foo', p2: 'bar' });
      expectHit(router, 'GET', '/a/foo-bar-baz', 'GET /a/{p1}-{p2}', { p1: 'foo-bar', p2: 'baz' });
      expectHit(router, 'GET', '/b/foo.bar', 'GET /b/{p1}.{p2}', { p1: 'foo', p2: 'bar' });
      expectHit(router, 'GET', '/b/foo.bar-baz', 'GET /b/{p1}.{p2}', { p1: 'foo', p2: 'bar-baz' });
      expectMiss(router, 'GET', '/a/foo');
      expectMiss(router, 'GET', '/b/foo');
    });
    test('fixed suffixes and regexes on each part', () => {
      expectHit(router, 'GET', '/c/foo-bar-baz', 'GET /c/{p1}-{p2}-baz', { p1: 'foo', p2: 'bar' });
      expectHit(router, 'GET', '/d/foo-barbaz-kuux', 'GET /d/{p1:[A-Za-z0-9_]+}-{p2:[A-Za-z0-9_]+}-kuux', {
        p1: 'foo',
        p2: 'barbaz',
      });
      expectHit(router, 'GET', '/at/0h42m', 'GET /at/{hour:[0-9]+}h{minute:[0-9]+}m', {
        hour: '0',
        minute: '42',
      });
      expectHit(
        router,
        'GET',
        '/u/1111-2222-3333-4444-foo',
        'GET /u/{uuid:[0-9-]{19}}-{user:[A-Za-z0-9_]+}',
        {
          uuid: '1111-2222-3333-4444',
          user: 'foo',
        },
      );
      expectHit(
        router,
        'GET',
        '/u/1111-2222-3333-4445-bar/account',
        'GET /u/{uuid:[0-9-]{19}}-{user:[A-Za-z0-9_]+}/account',
        { uuid: '1111-2222-3333-4445', user: 'bar' },
      );
      expectHit(router, 'GET', '/s/param-static', 'GET /s/{param}-static', { param: 'param' });
      expectHit(router, 'GET', '/s/param-param-static', 'GET /s/{param}-static', { param: 'param-param' });
      expectHit(router, 'GET', '/t/foobar', 'GET /t/{param:[A-Za-z0-9_]{3}}bar', { param: 'foo' });
      for (const path of ['/t/$mebar', '/t/foolol', '/t/foobaz', '/t/foolbar'])
        expectMiss(router, 'GET', path);
    });
    test('a multi-parameter segment in the middle of a template', () => {
      expectHit(router, 'GET', '/e/foo-bar/baz', 'GET /e/{p1}-{p2}/{rest:*}', {
        p1: 'foo',
        p2: 'bar',
        rest: 'baz',
      });
      expectHit(router, 'GET', '/f/foo-bar/b/baz', 'GET /f/{p1}-{p2}/b/{p3}', {
        p1: 'foo',
        p2: 'bar',
        p3: 'baz',
      });
      expectHit(router, 'GET', '/g/foo-42/b/bar', 'GET /g/{p1:[A-Za-z0-9_]{3}}-{p2:[0-9]+}/b/{p3}', {
        p1: 'foo',
        p2: '42',
        p3: 'bar',
      });
    });
  });

  // find-my-way test/issue-238.test.js (a suffix on a parameter before the end).
  describe(`${name}: text around a parameter in any segment`, () => {
    const router = table(create, [
      ['GET', '/v1/foo/{code}.png'],
      ['GET', '/img/{code}.jpg/meta'],
      ['GET', '/v{version:int}/users'],
      ['GET', '/geo/{lat}-{lng}'],
      ['GET', '/files/{name}.{ext}'],
      ['GET', '/clock/{hour:int}h{minute:int}m'],
      ['GET', '/n/{a:int}-{b}'],
    ]);
    test('prefixes, suffixes and typed parts', () => {
      expectHit(router, 'GET', '/v1/foo/hello.png', 'GET /v1/foo/{code}.png', { code: 'hello' });
      expectHit(router, 'GET', '/img/abc.jpg/meta', 'GET /img/{code}.jpg/meta', { code: 'abc' });
      expectMiss(router, 'GET', '/img/abc.png/meta');
      expectHit(router, 'GET', '/v2/users', 'GET /v{version:int}/users', { version: 2 });
      expectMiss(router, 'GET', '/vx/users');
      expectMiss(router, 'GET', '/v/users');
      expectHit(router, 'GET', '/geo/48.85-2.35', 'GET /geo/{lat}-{lng}', { lat: '48.85', lng: '2.35' });
      expectHit(router, 'GET', '/files/archive.tar.gz', 'GET /files/{name}.{ext}', {
        name: 'archive.tar',
        ext: 'gz',
      });
      expectHit(router, 'GET', '/clock/9h05m', 'GET /clock/{hour:int}h{minute:int}m', { hour: 9, minute: 5 });
      expectMiss(router, 'GET', '/clock/9h5');
      expectMiss(router, 'GET', '/clock/h05m');
    });
    test('a part that refuses its text moves the split left', () => {
      expectHit(router, 'GET', '/n/12-x-y', 'GET /n/{a:int}-{b}', { a: 12, b: 'x-y' });
      expectMiss(router, 'GET', '/n/x-12');
    });
    test('parts are percent-decoded after splitting on the decoded text', () => {
      expectHit(router, 'GET', '/geo/a%20b-c%2Dd', 'GET /geo/{lat}-{lng}', { lat: 'a b-c', lng: 'd' });
      expectHit(router, 'GET', '/files/r%C3%A9sum%C3%A9.pdf', 'GET /files/{name}.{ext}', {
        name: 'résumé',
        ext: 'pdf',
      });
      expectMiss(router, 'GET', '/geo/%zz-1');
    });
    test('literal text compares without case when asked', () => {
      const folded = table(create, [['GET', '/V{n:int}/Items']], { caseSensitive: false });
      expectHit(folded, 'GET', '/v3/items', 'GET /V{n:int}/Items', { n: 3 });
    });
  });

  // find-my-way test/optional-params.test.js and Hono src/router/common.case.test.ts ("Optional route").
  describe(`${name}: optional last segment`, () => {
    test('answers with and without it; the params lack it when absent', () => {
      const router = table(create, [
        ['GET', '/a/{param}/b/{optional?}'],
        ['GET', '/api/animals/{type?}'],
        ['GET', '/users/{id?:int}'],
      ]);
      expectHit(router, 'GET', '/a/foo-bar/b', 'GET /a/{param}/b/{optional?}', { param: 'foo-bar' });
      expectHit(router, 'GET', '/a/foo-bar/b/foo', 'GET /a/{param}/b/{optional?}', {
        param: 'foo-bar',
        optional: 'foo',
      });
      expectHit(router, 'GET', '/api/animals/dog', 'GET /api/animals/{type?}', { type: 'dog' });
      expectHit(router, 'GET', '/api/animals', 'GET /api/animals/{type?}');
      expectHit(router, 'GET', '/users/5', 'GET /users/{id?:int}', { id: 5 });
      expectHit(router, 'GET', '/users', 'GET /users/{id?:int}');
      expectMiss(router, 'GET', '/users/x');
      assert.deepEqual(router.allowed('/users'), ['GET']);
    });
    test('with the trailing slash ignored, every spelling reaches it', () => {
      const router = table(create, [['GET', '/test/hello/{optional?}']]);
      for (const path of ['/test/hello/', '/test/hello']) {
        expectHit(router, 'GET', path, 'GET /test/hello/{optional?}');
      }
      for (const path of ['/test/hello/foo', '/test/hello/foo/']) {
        expectHit(router, 'GET', path, 'GET /test/hello/{optional?}', { optional: 'foo' });
      }
    });
    test('the short form conflicts with the same template written out', () => {
      const router = create<number>();
      router.add('GET', '/foo/{bar?}', 1);
      assert.throws(
        () => router.add('GET', '/foo', 2),
        (error: unknown) => error instanceof RouteConflictError && error.existing === '/foo/{bar?}',
      );
      assert.throws(() => router.add('GET', '/foo/{baz}', 3), RouteConflictError);
    });
    test('only the last segment may be optional', () => {
      assert.throws(() => create<number>().add('GET', '/foo/{bar?}/baz', 1), TemplateError);
    });
    test('removing the template removes both forms', () => {
      const router = create<number>();
      router.add('GET', '/foo/{bar?}', 1);
      assert.equal(router.remove('GET', '/foo/{bar?}'), true);
      assert.equal(find(router, 'GET', '/foo'), null);
      assert.equal(find(router, 'GET', '/foo/x'), null);
      router.add('GET', '/foo', 2);
      assert.equal(find(router, 'GET', '/foo')?.value, 2);
    });
  });

  // Hono src/router/common.case.test.ts ("Trailing wildcard"): `/path/*` also answers `/path`.
  describe(`${name}: a tail that may be empty`, () => {
    test('answers the bare path with an empty value', () => {
      const router = table(create, [['GET', '/path/{rest:*?}']]);
      expectHit(router, 'GET', '/path', 'GET /path/{rest:*?}', { rest: '' });
      expectHit(router, 'GET', '/path/', 'GET /path/{rest:*?}', { rest: '' });
      expectHit(router, 'GET', '/path/to/file', 'GET /path/{rest:*?}', { rest: 'to/file' });
      expectMiss(router, 'GET', '/pathfoo');
    });
    test('under the strict policy too, and at the root', () => {
      const router = table(create, [['GET', '/files/{rest:*?}']], { trailingSlash: 'strict' });
      expectHit(router, 'GET', '/files', 'GET /files/{rest:*?}', { rest: '' });
      expectHit(router, 'GET', '/files/', 'GET /files/{rest:*?}', { rest: '' });
      expectHit(router, 'GET', '/files/a/', 'GET /files/{rest:*?}', { rest: 'a/' });
      const root = table(create, [['GET', '/{rest:*?}']]);
      expectHit(root, 'GET', '/', 'GET /{rest:*?}', { rest: '' });
      expectHit(root, 'GET', '/a/b', 'GET /{rest:*?}', { rest: 'a/b' });
    });
    test('a route of the bare path wins over the empty tail', () => {
      const router = create<string>();
      router.add('GET', '/path/{rest:*?}', 'tail');
      assert.throws(() => router.add('GET', '/path', 'bare'), RouteConflictError);
      assert.throws(() => router.add('GET', '/path/{all:*}', 'tail2'), RouteConflictError);
    });
  });

  // find-my-way test/issue-240.test.js (`ignoreDuplicateSlashes`).
  describe(`${name}: duplicate slashes`, () => {
    const routes = [
      ['GET', '/a/b'],
      ['GET', '/a/{pam}/c'],
    ] as const;
    test('count as one slash when asked', () => {
      const router = table(create, routes, { ignoreDuplicateSlashes: true });
      for (const path of ['/a/b', '/a//b', '//a/b']) expectHit(router, 'GET', path, 'GET /a/b');
      for (const path of ['/a/b/c', '/a//b/c', '/a///b/c', '/a//b//c', '/a///b///c']) {
        expectHit(router, 'GET', path, 'GET /a/{pam}/c', { pam: 'b' });
      }
      for (const path of ['/a/foo/c', '/a//foo/c', '/a///foo///c']) {
        expectHit(router, 'GET', path, 'GET /a/{pam}/c', { pam: 'foo' });
      }
      expectMiss(router, 'GET', '/a/c');
      expectMiss(router, 'GET', '/a//c');
      expectHit(router, 'GET', '/a//b?next=//x', 'GET /a/b');
      assert.deepEqual(router.allowed('//a//b'), ['GET']);
    });
    test('are an empty segment otherwise', () => {
      const router = table(create, routes);
      expectMiss(router, 'GET', '/a//b');
      expectMiss(router, 'GET', '/a//b/c');
    });
  });

  // go-restful custom_verb_test.go: `{id:init}` is a regex there; here a bare word is a macro
  // name, so the regex is written in a group.
  describe(`${name}: a plain-word regex written in a group`, () => {
    test('matches only that word', () => {
      const router = table(create, [['GET', '/users/{id:(init)}:init']]);
      expectHit(router, 'GET', '/users/init:init', 'GET /users/{id:(init)}:init', { id: 'init' });
      expectMiss(router, 'GET', '/users/7:init');
      assert.throws(() => create<number>().add('GET', '/users/{id:init}:init', 1), /did you mean "int"/);
    });
  });

  // iris macro/macros.go (each macro's alias) and macro/interpreter/parser/parser_test.go.
  describe(`${name}: iris macro aliases`, () => {
    test('number, long, boolean and uuidv4 are int, int64, bool and uuid', () => {
      const router = table(create, [
        ['GET', '/n/{id:number}'],
        ['GET', '/l/{id:long}'],
        ['GET', '/b/{on:boolean}'],
        ['GET', '/u/{id:uuidv4}'],
        ['GET', '/w/{day:weekday}'],
      ]);
      expectHit(router, 'GET', '/n/-5', 'GET /n/{id:number}', { id: -5 });
      expectHit(router, 'GET', '/l/9223372036854775807', 'GET /l/{id:long}', { id: 9223372036854775807n });
      expectHit(router, 'GET', '/b/false', 'GET /b/{on:boolean}', { on: false });
      const uuid = '2a7bd9b6-3a4e-4b8e-9c51-0f1e2d3c4b5a';
      expectHit(router, 'GET', `/u/${uuid}`, 'GET /u/{id:uuidv4}', { id: uuid });
      expectHit(router, 'GET', '/w/02', 'GET /w/{day:weekday}', { day: 2 });
      expectHit(router, 'GET', '/w/saturday', 'GET /w/{day:weekday}', { day: 6 });
      expectMiss(router, 'GET', '/w/07');
      assert.throws(() => router.add('GET', '/n/{x:int}', 'again'), RouteConflictError);
    });
  });

  describe(`${name}: priorities of the new forms`, () => {
    const router = table(create, [
      ['GET', '/p/new'],
      ['GET', '/p/{a}-{b}'],
      ['GET', '/p/{a}.tar.{b}'],
      ['GET', '/p/{id:int}'],
      ['GET', '/p/{code:[a-z]+\\.[a-z]+}'],
      ['GET', '/p/{name}'],
      ['GET', '/p/{rest:*}'],
    ]);
    test('literal, then text with parameters (most text first), macro, regex, plain, tail', () => {
      expectHit(router, 'GET', '/p/new', 'GET /p/new');
      expectHit(router, 'GET', '/p/1-2', 'GET /p/{a}-{b}', { a: '1', b: '2' });
      expectHit(router, 'GET', '/p/x.tar.gz', 'GET /p/{a}.tar.{b}', { a: 'x', b: 'gz' });
      expectHit(router, 'GET', '/p/12', 'GET /p/{id:int}', { id: 12 });
      expectHit(router, 'GET', '/p/a.b', 'GET /p/{code:[a-z]+\\.[a-z]+}', { code: 'a.b' });
      expectHit(router, 'GET', '/p/x', 'GET /p/{name}', { name: 'x' });
      expectHit(router, 'GET', '/p/x/y', 'GET /p/{rest:*}', { rest: 'x/y' });
    });
    test('a segment with parameters that leads nowhere yields to the next candidate', () => {
      const deeper = table(create, [
        ['GET', '/q/{a}-{b}/x'],
        ['GET', '/q/{name}/y'],
      ]);
      expectHit(deeper, 'GET', '/q/1-2/y', 'GET /q/{name}/y', { name: '1-2' });
      expectHit(deeper, 'GET', '/q/1-2/x', 'GET /q/{a}-{b}/x', { a: '1', b: '2' });
    });
  });
}
