import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { test } from 'node:test';
import * as v from 'valibot';
import { z } from 'zod';
import {
  type BindDeclaration,
  type BoundInput,
  type RawCookies,
  type RawQuery,
  t,
} from '../../src/binding/index.js';
import type { UploadedFile } from '../../src/http/readers/index.js';
import type { Params as TemplateParams } from '../../src/router/index.js';
import { fakeSource } from '../http/readers/fake-request.js';
import { type Equal, expectType } from '../support/type-assert.js';
import { binderFor } from './compile.js';

type Params = { shopId: number; slug: string };

// TypeBox: Static of each schema; the path schema overrides the template's types it names.
const typebox = {
  path: t.Object({ shopId: t.Integer({ minimum: 1 }) }),
  query: t.Object({ dryRun: t.Optional(t.Boolean()), ids: t.Array(t.Integer()), from: t.Date() }),
  headers: t.Object({ 'x-request-id': t.String() }),
  cookies: t.Object({ session: t.String() }),
  body: t.Object({ item: t.String(), qty: t.Integer(), photo: t.File(), big: t.BigInt() }),
};
type Typed = BoundInput<typeof typebox, Params>;
expectType<Equal<Typed['path'], { slug: string; shopId: number }>>();
expectType<Equal<Typed['query'], { dryRun?: boolean; ids: number[]; from: Date }>>();
expectType<Equal<Typed['headers'], { 'x-request-id': string }>>();
expectType<Equal<Typed['cookies'], { session: string }>>();
expectType<Equal<Typed['body'], { item: string; qty: number; photo: UploadedFile; big: bigint }>>();

// Undeclared sources arrive raw; no body schema means no body.
type Raw = BoundInput<{}, Params>;
expectType<Equal<Raw['path'], Params>>();
expectType<Equal<Raw['query'], RawQuery>>();
expectType<Equal<Raw['headers'], IncomingHttpHeaders>>();
expectType<Equal<Raw['cookies'], RawCookies>>();
expectType<Equal<Raw['body'], undefined>>();

// An optional body schema may be absent.
const optionalBody = { body: t.Optional(t.String()) };
type Optional = BoundInput<typeof optionalBody, Params>;
expectType<Equal<Optional['body'], string | undefined>>();

// Standard Schema: the output type (after transforms).
const standard = {
  query: z.object({ page: z.coerce.number(), q: z.string().optional() }),
  headers: z.object({ 'x-retry': z.string() }).transform((h) => ({ retry: Number(h['x-retry']) })),
  body: v.object({ item: v.string(), qty: v.number() }),
};
type Std = BoundInput<typeof standard, Params>;
expectType<Equal<Std['query'], { page: number; q?: string | undefined }>>();
expectType<Equal<Std['headers'], { retry: number }>>();
expectType<Equal<Std['body'], { item: string; qty: number }>>();

// A zod path schema overrides what it names and keeps the rest.
type StdPath = BoundInput<{ path: z.ZodObject<{ shopId: z.ZodNumber }> }, Params>;
expectType<Equal<StdPath['path'], { slug: string; shopId: number }>>();

// With the router's template types: path params need no schema; a path schema refines them.
type OrderParams = TemplateParams<'/shops/{shopId:int}/orders/{orderId}'>;
const orderPath = { path: t.Object({ orderId: t.Integer() }) };
type FromTemplate = BoundInput<typeof orderPath, OrderParams>;
expectType<Equal<FromTemplate['path'], { shopId: number; orderId: number }>>();
expectType<Equal<BoundInput<{}, OrderParams>['path'], { shopId: number; orderId: string }>>();

// The binder's result is typed from the declaration without annotations.
const binder = binderFor({ query: t.Object({ page: t.Integer() }) });
type Bound = Awaited<ReturnType<typeof binder.bind>>;
expectType<Equal<Bound['query'], { page: number }>>();

// Declarations only take schemas.
// @ts-expect-error a plain object is not a schema
const notSchema: BindDeclaration = { query: { page: 'number' } };
// @ts-expect-error the source is called headers, not header
const wrongKey: BindDeclaration = { header: t.Object({}) };

test('bound input types hold at run time too', () => {
  const input = binder.bind(fakeSource({ query: 'page=2' }));
  assert.ok(!(input instanceof Promise));
  const page: number = input.query.page;
  assert.equal(page, 2);
  assert.ok(notSchema !== undefined && wrongKey !== undefined);
});
