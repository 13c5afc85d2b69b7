import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ParamValue, parseTemplate, Router, TemplateError } from '../../src/router/index.js';

const MISS = Symbol('no match');

/** The value `{v:SPEC}` takes from `text` (which may span segments), or MISS. */
function read(spec: string, text: string): ParamValue | typeof MISS {
  const router = new Router<null>({ trailingSlash: 'strict' });
  router.add('GET', `/x/{v:${spec}}`, null);
  const found = router.find('GET', `/x/${text}`);
  return found === null ? MISS : found.params.v!;
}

function table(
  spec: string,
  cases: readonly (readonly [text: string, expected: ParamValue | typeof MISS])[],
): void {
  test(spec, () => {
    for (const [text, expected] of cases)
      assert.deepEqual(read(spec, text), expected, `${spec} on "${text}"`);
  });
}

describe('built-in macros', () => {
  table('string', [
    ['anything-at_all.1', 'anything-at_all.1'],
    ['%20', ' '],
  ]);
  table('int', [
    ['0', 0],
    ['-0', 0],
    ['007', 7],
    ['-42', -42],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    ['9007199254740992', MISS],
    ['+1', MISS],
    ['1.5', MISS],
    ['1e3', MISS],
    ['-', MISS],
    ['0x10', MISS],
    [' 1', MISS],
  ]);
  table('int8', [
    ['-128', -128],
    ['127', 127],
    ['128', MISS],
    ['-129', MISS],
  ]);
  table('int16', [
    ['-32768', -32768],
    ['32767', 32767],
    ['32768', MISS],
  ]);
  table('int32', [
    ['-2147483648', -2147483648],
    ['2147483647', 2147483647],
    ['2147483648', MISS],
  ]);
  table('int64', [
    ['-9223372036854775808', -9223372036854775808n],
    ['9223372036854775807', 9223372036854775807n],
    ['9223372036854775808', MISS],
    ['12', 12n],
    ['1.0', MISS],
  ]);
  table('uint', [
    ['0', 0],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    ['-1', MISS],
    ['-0', MISS],
  ]);
  table('uint8', [
    ['255', 255],
    ['256', MISS],
  ]);
  table('uint16', [
    ['65535', 65535],
    ['65536', MISS],
  ]);
  table('uint32', [
    ['4294967295', 4294967295],
    ['4294967296', MISS],
  ]);
  table('uint64', [
    ['18446744073709551615', 18446744073709551615n],
    ['18446744073709551616', MISS],
    ['-1', MISS],
  ]);
  table('bool', [
    ['1', true],
    ['t', true],
    ['T', true],
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['0', false],
    ['f', false],
    ['F', false],
    ['false', false],
    ['FALSE', false],
    ['False', false],
    ['yes', MISS],
    ['tRUE', MISS],
  ]);
  table('alphabetical', [
    ['abcXYZ', 'abcXYZ'],
    ['abc1', MISS],
    ['a b', MISS],
    ['é', MISS],
  ]);
  table('file', [
    ['report_2024-01.v2.pdf', 'report_2024-01.v2.pdf'],
    ['a b', MISS],
    ['a%2Fb', MISS],
    ['ü.txt', MISS],
  ]);
  table('uuid', [
    ['123e4567-e89b-12d3-a456-426614174000', '123e4567-e89b-12d3-a456-426614174000'],
    ['123E4567-E89B-42D3-A456-426614174000', '123E4567-E89B-42D3-A456-426614174000'],
    ['123e4567e89b12d3a456426614174000', MISS],
    ['123e4567-e89b-12d3-a456-42661417400', MISS],
    ['g23e4567-e89b-12d3-a456-426614174000', MISS],
  ]);
  table('email', [
    ['ann@example.com', 'ann@example.com'],
    ['first.last+tag@sub.example.co', 'first.last+tag@sub.example.co'],
    ['ann%40example.com', 'ann@example.com'],
    ['ann@localhost', 'ann@localhost'],
    ['ann', MISS],
    ['@example.com', MISS],
    ['ann@', MISS],
    ['a..b@example.com', MISS],
    ['.a@example.com', MISS],
    ['ann@-example.com', MISS],
    ['ann@example..com', MISS],
    [`${'a'.repeat(65)}@example.com`, MISS],
  ]);
  table('date', [
    ['2024/01/31', new Date('2024-01-31T00:00:00Z')],
    ['2024/02/29', new Date('2024-02-29T00:00:00Z')],
    ['0099/12/31', new Date('0099-12-31T00:00:00Z')],
    ['2023/02/29', MISS],
    ['2024/13/01', MISS],
    ['2024/00/10', MISS],
    ['2024/1/31', MISS],
    ['2024-01-31', MISS],
    ['2024/01', MISS],
    ['2024/01/31/x', MISS],
    ['2024%2F01%2F31', MISS],
  ]);
  table('weekday', [
    ['0', 0],
    ['6', 6],
    ['7', MISS],
    ['sunday', 0],
    ['Monday', 1],
    ['SATURDAY', 6],
    ['sun', MISS],
  ]);
});

describe('macro functions', () => {
  table('string min(2) max(4)', [
    ['a', MISS],
    ['ab', 'ab'],
    ['abcd', 'abcd'],
    ['abcde', MISS],
    ['%F0%9F%98%80%F0%9F%98%80', '😀😀'],
  ]);
  table('int min(1) max(99)', [
    ['0', MISS],
    ['1', 1],
    ['99', 99],
    ['100', MISS],
  ]);
  table('int range(-5,5)', [
    ['-6', MISS],
    ['-5', -5],
    ['5', 5],
    ['6', MISS],
  ]);
  table('int64 min(9223372036854775806)', [
    ['9223372036854775806', 9223372036854775806n],
    ['9223372036854775805', MISS],
  ]);
  table('weekday max(5)', [
    ['friday', 5],
    ['saturday', MISS],
  ]);
  table('alphabetical range(2,3)', [
    ['ab', 'ab'],
    ['abcd', MISS],
  ]);
  table('string regexp(^[a-z]+$)', [
    ['abc', 'abc'],
    ['abc1', MISS],
  ]);
  table('string regexp([a-z]+)', [
    ['abc', 'abc'],
    ['1abc', MISS],
  ]);
  table('string prefix(v) suffix(.json) contains(-)', [
    ['v1-a.json', 'v1-a.json'],
    ['w1-a.json', MISS],
    ['v1a.json', MISS],
    ['v1-a.xml', MISS],
  ]);
  table('string eq(me)', [
    ['me', 'me'],
    ['you', MISS],
  ]);
  table('string eqor(red, "green", blue)', [
    ['red', 'red'],
    ['green', 'green'],
    ['blue', 'blue'],
    ['pink', MISS],
  ]);
  table('int eq(07)', [
    ['7', 7],
    ['007', 7],
    ['8', MISS],
  ]);
  table('bool eq(true)', [
    ['True', true],
    ['0', MISS],
  ]);
  table('weekday eqor(saturday, sunday)', [
    ['0', 0],
    ['Saturday', 6],
    ['1', MISS],
  ]);
  table('date eq(2024/01/01)', [
    ['2024/01/01', new Date('2024-01-01T00:00:00Z')],
    ['2024/01/02', MISS],
  ]);
  table('date prefix(2024/)', [
    ['2024/05/06', new Date('2024-05-06T00:00:00Z')],
    ['2023/05/06', MISS],
  ]);
  table('uuid prefix(0000)', [
    ['00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000'],
    ['10000000-0000-0000-0000-000000000000', MISS],
  ]);
});

describe('custom macros', () => {
  test('a parse function is enough; its value becomes the param', () => {
    Router.macro('hexColor', (segment) =>
      /^[0-9a-f]{6}$/i.test(segment) ? Number.parseInt(segment, 16) : undefined,
    );
    assert.equal(read('hexColor', 'ff0000'), 0xff0000);
    assert.equal(read('hexColor', 'red'), MISS);
    assert.equal(parseTemplate('/{c:hexColor}').params[0]!.kind, 'macro');
  });

  test('a definition says how functions and the schema treat the value', () => {
    Router.macro('slug', {
      kind: 'string',
      parse: (segment) => (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(segment) ? segment : undefined),
      schema: { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' },
    });
    assert.equal(read('slug max(5)', 'a-b'), 'a-b');
    assert.equal(read('slug max(5)', 'a-b-c-d'), MISS);
    assert.equal(read('slug', 'A-B'), MISS);
    assert.deepEqual(parseTemplate('/{s:slug min(2)}').params[0]!.schema, {
      type: 'string',
      pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
      minLength: 2,
    });
  });

  test('functions that need a kind are refused for an opaque value', () => {
    Router.macro('point', (segment) => {
      const [x, y] = segment.split(',').map(Number);
      return Number.isFinite(x) && Number.isFinite(y) ? { x, y } : undefined;
    });
    assert.deepEqual(read('point', '1,2'), { x: 1, y: 2 } as unknown as ParamValue);
    assert.deepEqual(read('point prefix("1,")', '1,5'), { x: 1, y: 5 } as unknown as ParamValue);
    assert.equal(read('point prefix("1,")', '2,2'), MISS);
    assert.throws(() => parseTemplate('/{p:point min(1)}'), TemplateError);
  });

  test('else works with custom macros', () => {
    Router.macro('even', {
      kind: 'number',
      parse: (segment) => (/^[0-9]*[02468]$/.test(segment) ? Number(segment) : undefined),
    });
    const router = new Router<string>();
    router.add('GET', '/e/{n:even else 422}', 'even');
    assert.deepEqual(router.lookup('GET', '/e/3'), {
      kind: 'rejected',
      status: 422,
      param: 'n',
      template: '/e/{n:even else 422}',
    });
  });

  test('names are checked and cannot be taken twice', () => {
    assert.throws(() => Router.macro('int', (s) => Number(s)), /already defined/);
    assert.throws(() => Router.macro('path', (s) => s), /already defined/);
    assert.throws(() => Router.macro('else', (s) => s), /already defined/);
    assert.throws(() => Router.macro('two words', (s) => s), TypeError);
    assert.throws(() => Router.macro('9lives', (s) => s), TypeError);
    Router.macro('onceOnly', (s) => s);
    assert.throws(() => Router.macro('onceOnly', (s) => s), /already defined/);
  });
});

describe('custom macro functions', () => {
  test('Router.macroFunction adds a function every macro can use', () => {
    Router.macroFunction('multipleOf', (args, macro) => {
      if (macro.kind !== 'number') throw new Error(`multipleOf() needs a number macro, not ${macro.name}`);
      const step = Number(args[0]);
      if (args.length !== 1 || !Number.isInteger(step) || step < 1)
        throw new Error('multipleOf() takes a positive integer');
      return (value) => (value as number) % step === 0;
    });
    assert.equal(read('int multipleOf(3)', '9'), 9);
    assert.equal(read('int multipleOf(3)', '10'), MISS);
    assert.equal(read('uint8 min(1) multipleOf(5)', '0'), MISS);
    const router = new Router<string>();
    router.add('GET', '/n/{n:int multipleOf(2) else 422}', 'even');
    assert.deepEqual(router.lookup('GET', '/n/3'), {
      kind: 'rejected',
      status: 422,
      param: 'n',
      template: '/n/{n:int multipleOf(2) else 422}',
    });
  });

  test('a factory that throws refuses the template with its message and column', () => {
    assert.throws(
      () => parseTemplate('/{s:string multipleOf(2)}'),
      (error: unknown) =>
        error instanceof TemplateError &&
        error.column === 12 &&
        /needs a number macro, not string/.test(error.reason),
    );
    assert.throws(() => parseTemplate('/{n:int multipleOf(x)}'), /takes a positive integer/);
  });

  test('names are checked and cannot be taken twice', () => {
    assert.throws(() => Router.macroFunction('min', () => () => true), /already defined/);
    assert.throws(() => Router.macroFunction('multipleOf', () => () => true), /already defined/);
    assert.throws(() => Router.macroFunction('else', () => () => true), TypeError);
    assert.throws(() => Router.macroFunction('two words', () => () => true), TypeError);
  });
});
