import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { defaultParam, parseMethodName, splitWords, templateOf } from '../../src/mvc/index.js';

function routeOf(name: string): string | undefined {
  const parsed = parseMethodName(name);
  if (parsed === undefined) return undefined;
  const params = parsed.segments.flatMap((s) =>
    s.kind === 'param' ? [defaultParam(s.index, s.wildcard)] : [],
  );
  return `${parsed.method} ${templateOf(parsed, params)}`;
}

describe('method names → routes', () => {
  const table: [string, string | undefined][] = [
    ['get', 'GET /'],
    ['post', 'POST /'],
    ['getBy', 'GET /{id}'],
    ['postLogin', 'POST /login'],
    ['getUserBy', 'GET /user/{id}'],
    ['getUserProfile', 'GET /user/profile'],
    ['getByWildcard', 'GET /{rest:path}'],
    ['getFilesByWildcard', 'GET /files/{rest:path}'],
    ['getUserByPostsBy', 'GET /user/{id}/posts/{id2}'],
    ['getByByBy', 'GET /{id}/{id2}/{id3}'],
    ['getByDetails', 'GET /{id}/details'],
    ['getUserID', 'GET /user/id'],
    ['getAPIKeys', 'GET /api/keys'],
    ['getUserIDBy', 'GET /user/id/{id}'],
    ['getHTTPSProxy', 'GET /https/proxy'],
    ['getV2Orders', 'GET /v2/orders'],
    ['getOauth2Token', 'GET /oauth2/token'],
    ['putBy', 'PUT /{id}'],
    ['patchBy', 'PATCH /{id}'],
    ['deleteBy', 'DELETE /{id}'],
    ['headBy', 'HEAD /{id}'],
    ['optionsBy', 'OPTIONS /{id}'],
    ['connectBy', 'CONNECT /{id}'],
    ['traceBy', 'TRACE /{id}'],
    ['any', '* /'],
    ['anyHealth', '* /health'],
    ['getWildcard', 'GET /wildcard'],
    ['format', undefined],
    ['getter', undefined],
    ['gets', undefined],
    ['posting', undefined],
    ['Get', undefined],
    ['GetUsers', undefined],
    ['get_users', undefined],
    ['getUsers$', undefined],
    ['toJSON', undefined],
    ['', undefined],
  ];
  for (const [name, expected] of table) {
    test(`${name || '(empty)'} → ${expected ?? 'not a route'}`, () => {
      assert.equal(routeOf(name), expected);
    });
  }

  test('ByWildcard must end the name', () => {
    assert.throws(() => parseMethodName('getByWildcardFiles'), {
      name: 'MethodNameError',
      message: 'getByWildcardFiles: ByWildcard takes the rest of the path, so it must end the name',
    });
  });

  test('splitWords keeps acronyms whole and digits with the word before them', () => {
    assert.deepEqual(splitWords('getAPIKeys'), ['get', 'API', 'Keys']);
    assert.deepEqual(splitWords('getUserID'), ['get', 'User', 'ID']);
    assert.deepEqual(splitWords('getV2Orders'), ['get', 'V2', 'Orders']);
    assert.deepEqual(splitWords('get'), ['get']);
  });

  test('property: words glued in camelCase come back apart', () => {
    const capitalized = fc
      .tuple(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/))
      .map(([head, tail]) => head + tail);
    const acronym = fc.stringMatching(/^[A-Z]{2,5}$/);
    // Two acronyms in a row cannot be told apart (APIURL), and neither can an acronym at the
    // end of a run followed by digits, so words alternate: acronym, then a capitalized word.
    const words = fc.array(fc.tuple(fc.option(acronym, { nil: undefined }), capitalized), { maxLength: 5 });
    fc.assert(
      fc.property(fc.constantFrom('get', 'post', 'delete', 'any'), words, (method, pairs) => {
        const parts = pairs.flatMap(([a, c]) => (a === undefined ? [c] : [a, c]));
        const name = method + parts.join('');
        assert.deepEqual(splitWords(name), [method, ...parts]);
      }),
    );
  });
});
