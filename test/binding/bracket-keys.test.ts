import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nestBrackets } from '../../src/binding/bracket-keys.js';
import { parseUrlEncoded } from '../../src/http/readers/index.js';

const nest = (query: string) => JSON.parse(JSON.stringify(nestBrackets(parseUrlEncoded(query))));

test('a record without brackets is returned as it is', () => {
  const flat = parseUrlEncoded('a=1&b=2');
  assert.equal(nestBrackets(flat), flat);
});

test('bracket keys nest; [] appends; plain repeats still make arrays', () => {
  assert.deepEqual(nest('f[a]=1&f[b][c]=2&ids[]=1&ids[]=2&x=1'), {
    x: '1',
    f: { a: '1', b: { c: '2' } },
    ids: ['1', '2'],
  });
  assert.deepEqual(nest('ids=1&ids[]=2'), { ids: ['1', '2'] });
  assert.deepEqual(nest('f[a]=1&f[a]=2'), { f: { a: ['1', '2'] } });
});

test('malformed, too deep or clashing keys stay flat', () => {
  assert.deepEqual(nest('[a]=1&b[c=2&d]e[=3'), { '[a]': '1', 'b[c': '2', 'd]e[': '3' });
  assert.deepEqual(nest('a[b]x=1&c[][d]=2'), { 'a[b]x': '1', 'c[][d]': '2' });
  assert.deepEqual(nest('a[1][2][3][4][5][6]=deep'), { 'a[1][2][3][4][5][6]': 'deep' });
  assert.deepEqual(nest('a[1][2][3][4][5]=ok').a['1']['2']['3']['4']['5'], 'ok');
  assert.deepEqual(nest('a=1&a[b]=2'), { a: '1', 'a[b]': '2' });
  assert.deepEqual(nest('a[b]=2&a=1'), { a: '1', 'a[b]': '2' });
});

test('__proto__ keys are plain data and never touch Object.prototype', () => {
  const nested = nestBrackets(parseUrlEncoded('__proto__[polluted]=yes&a[__proto__][x]=1'));
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const proto = Object.getOwnPropertyDescriptor(nested, '__proto__')?.value as Record<string, unknown>;
  assert.equal(proto.polluted, 'yes');
});
