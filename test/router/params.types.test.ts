import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Params, type ParamValue, Router } from '../../src/router/index.js';
import type { Equal, Expect } from '../support/type-assert.js';

declare module '../../src/router/index.js' {
  interface MacroTypes {
    typeTestMoney: bigint;
  }
}

export type Checks = [
  Expect<Equal<Params<'/u/{id:int}/{slug}'>, { id: number; slug: string }>>,
  Expect<Equal<Params<'/users'>, {}>>,
  Expect<Equal<Params<'/'>, {}>>,
  Expect<
    Equal<Params<'/a/{x:int8}/{y:int16}/{z:int32}/{w:uint}'>, { x: number; y: number; z: number; w: number }>
  >,
  Expect<
    Equal<
      Params<'/a/{x:uint8}/{y:uint16}/{z:uint32}/{w:weekday}'>,
      { x: number; y: number; z: number; w: number }
    >
  >,
  Expect<Equal<Params<'/a/{big:int64}/{ubig:uint64}'>, { big: bigint; ubig: bigint }>>,
  Expect<Equal<Params<'/a/{on:bool}/{d:date}'>, { on: boolean; d: Date }>>,
  Expect<
    Equal<
      Params<'/a/{s:string}/{l:alphabetical}/{f:file}/{u:uuid}/{e:email}'>,
      { s: string; l: string; f: string; u: string; e: string }
    >
  >,
  // Functions and else do not change the type.
  Expect<Equal<Params<'/u/{id:int min(1) max(99) else 400}'>, { id: number }>>,
  Expect<Equal<Params<'/u/{n:string regexp(^[a-z]{2,4}$) else 400}/x'>, { n: string }>>,
  Expect<Equal<Params<'/u/{n:int regexp(^[0-9]{1,3}$)}/{s}'>, { n: number; s: string }>>,
  Expect<Equal<Params<'/u/{n?:int regexp(^[0-9]{1,3}$)}'>, { n?: number }>>,
  // Regexes (braces included), tails and custom verbs give strings.
  Expect<Equal<Params<'/r/{code:[0-9]{3}}/{rest:*}'>, { code: string; rest: string }>>,
  Expect<Equal<Params<'/r/{code:[A-Z]{2}{1}}/{id:int}'>, { code: string; id: number }>>,
  Expect<Equal<Params<'/files/{p:path}'>, { p: string }>>,
  Expect<Equal<Params<'/tasks/{id:int}:cancel'>, { id: number }>>,
  // Several parameters and text in one segment.
  Expect<Equal<Params<'/{lat}-{lng}'>, { lat: string; lng: string }>>,
  Expect<Equal<Params<'/f/{name}.{ext}'>, { name: string; ext: string }>>,
  Expect<Equal<Params<'/v{version:int}/users'>, { version: number }>>,
  Expect<Equal<Params<'/at/{hour:int}h{minute:int}m'>, { hour: number; minute: number }>>,
  Expect<Equal<Params<'/img/{code}.jpg/meta'>, { code: string }>>,
  Expect<Equal<Params<'/p/{a:[0-9]{2}}-{b:uuid}'>, { a: string; b: string }>>,
  // Optional last segments and tails that may be empty.
  Expect<Equal<Params<'/users/{id?}'>, { id?: string }>>,
  Expect<Equal<Params<'/users/{id?:int min(1)}'>, { id?: number }>>,
  Expect<Equal<Params<'/files/{rest:*?}'>, { rest: string }>>,
  // iris's aliases.
  Expect<
    Equal<
      Params<'/a/{n:number}/{l:long}/{b:boolean}/{u:uuidv4}'>,
      { n: number; l: bigint; b: boolean; u: string }
    >
  >,
  // A custom macro declared in MacroTypes gets its type; an unknown word is a regex.
  Expect<Equal<Params<'/pay/{amount:typeTestMoney}/{code:cents}'>, { amount: bigint; code: string }>>,
  // A template only known as `string` gives an open record.
  Expect<Equal<Params<string>, Record<string, ParamValue>>>,
];

// @ts-expect-error: `id` is a number, not a string
const wrongType: Params<'/u/{id:int}'> = { id: '1' };
// @ts-expect-error: `slug` is missing
const missing: Params<'/u/{id:int}/{slug}'> = { id: 1 };

export function registerMoney(): void {
  // @ts-expect-error: a declared macro's parser must return its declared type
  Router.macro('typeTestMoney', (segment: string) => segment);
}

test('the params type tests compile (see tsc) and match what the router returns', () => {
  void wrongType;
  void missing;
  const router = new Router<string>();
  router.add('GET', '/u/{id:int}/{slug}', 'u');
  const params = router.find('GET', '/u/7/hello')?.params as Params<'/u/{id:int}/{slug}'>;
  assert.deepEqual(params, { id: 7, slug: 'hello' });
});
