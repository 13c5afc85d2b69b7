import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v from 'valibot';
import { z } from 'zod';
import { t } from '../../src/binding/index.js';
import { isHttpError, type ProblemItem } from '../../src/http/http-error.js';
import { UploadedFile } from '../../src/http/readers/index.js';
import { fakeSource } from '../http/readers/fake-request.js';
import { multipartBody, multipartType } from '../http/readers/multipart-body.js';
import { binderFor } from './compile.js';

async function problems(run: () => unknown): Promise<ProblemItem[]> {
  try {
    await run();
  } catch (error) {
    assert.ok(isHttpError(error), String(error));
    return error.errors ?? [];
  }
  assert.fail('expected a validation error');
}

test('zod gets the raw strings and coerces them itself', () => {
  const binder = binderFor({
    query: z.object({
      page: z.coerce.number().int().min(1),
      ids: z.array(z.string()),
      q: z.string().optional(),
    }),
  });
  const input = binder.bind(fakeSource({ query: 'page=2&ids=a&ids=b&extra=x' }));
  assert.ok(!(input instanceof Promise), 'a synchronous schema keeps the bind synchronous');
  assert.deepEqual(input.query, { page: 2, ids: ['a', 'b'] });
});

test('zod issues become problems with wire names and zod codes', async () => {
  const binder = binderFor({
    query: z.object({
      page: z.coerce.number().int().min(1),
      filter: z.object({ status: z.enum(['open', 'closed']) }),
    }),
    body: z.object({ items: z.array(z.object({ qty: z.number().max(5) })) }),
  });
  const list = await problems(() =>
    binder.bind(
      fakeSource({
        query: 'page=0&filter[status]=gone',
        headers: { 'content-type': 'application/json' },
        body: '{"items":[{"qty":1},{"qty":9}]}',
      }),
    ),
  );
  assert.deepEqual(
    list.map(({ in: where, name, code }) => ({ in: where, name, code })),
    [
      { in: 'query', name: 'page', code: 'too_small' },
      { in: 'query', name: 'filter[status]', code: 'invalid_value' },
      { in: 'body', name: '/items/1/qty', code: 'too_big' },
    ],
  );
  assert.ok(list.every((item) => item.message.length > 0));
});

test('zod headers see Node header names (lower-case); output transforms reach the handler', () => {
  const binder = binderFor({
    headers: z.object({ 'x-retry': z.coerce.number() }).transform((h) => ({ retry: h['x-retry'] })),
  });
  const input = binder.bind(fakeSource({ headers: { 'X-Retry': '3' } }));
  assert.ok(!(input instanceof Promise));
  assert.deepEqual(input.headers, { retry: 3 });
});

test('a zod path schema refines router params and keeps the ones it does not name', () => {
  const binder = binderFor(
    { path: z.object({ shopId: z.number().min(1) }) },
    { pathParams: ['shopId', 'slug'] },
  );
  const input = binder.bind(fakeSource({ params: { shopId: 4, slug: 'tea' } }));
  assert.ok(!(input instanceof Promise));
  assert.deepEqual(input.path, { shopId: 4, slug: 'tea' });
});

test('an async schema makes the bind async', async () => {
  const binder = binderFor({
    cookies: z.object({ session: z.string().refine(async (value) => value.startsWith('s-')) }),
  });
  const pending = binder.bind(fakeSource({ headers: { cookie: 'session=s-1' } }));
  assert.ok(pending instanceof Promise);
  assert.deepEqual((await pending).cookies, { session: 's-1' });
  assert.equal(
    (await problems(() => binder.bind(fakeSource({ headers: { cookie: 'session=x' } }))))[0]?.in,
    'cookie',
  );
});

test('valibot works the same way', async () => {
  const binder = binderFor({
    query: v.object({ page: v.pipe(v.string(), v.transform(Number), v.number(), v.minValue(1)) }),
    body: v.object({ item: v.pipe(v.string(), v.minLength(1)) }),
  });
  const input = await binder.bind(
    fakeSource({ query: 'page=3', headers: { 'content-type': 'application/json' }, body: '{"item":"a"}' }),
  );
  assert.deepEqual(input.query, { page: 3 });
  assert.deepEqual(input.body, { item: 'a' });
  const list = await problems(() =>
    binder.bind(
      fakeSource({ query: 'page=0', headers: { 'content-type': 'application/json' }, body: '{"item":""}' }),
    ),
  );
  assert.deepEqual(
    list.map(({ in: where, name, code }) => ({ in: where, name, code })),
    [
      { in: 'query', name: 'page', code: 'min_value' },
      { in: 'body', name: '/item', code: 'min_length' },
    ],
  );
});

test('an absent body is passed as undefined: the schema decides', async () => {
  const optional = binderFor({ body: z.object({ a: z.string() }).optional() }).bind(fakeSource({}));
  assert.ok(!(optional instanceof Promise));
  assert.equal(optional.body, undefined);
  const list = await problems(() => binderFor({ body: z.object({ a: z.string() }) }).bind(fakeSource({})));
  assert.equal(list[0]?.in, 'body');
  assert.equal(list[0]?.name, '');
});

test('multipart files reach a Standard Schema as UploadedFiles', async () => {
  const binder = binderFor({ body: z.object({ title: z.string(), file: z.instanceof(UploadedFile) }) });
  const body = multipartBody([
    { name: 'title', value: 'T' },
    { name: 'file', filename: 'f.txt', value: 'content' },
  ]);
  const input = await binder.bind(fakeSource({ headers: { 'content-type': multipartType }, body }));
  assert.equal(input.body.title, 'T');
  assert.equal(await input.body.file.text(), 'content');
});

test('TypeBox and Standard Schema sources mix in one declaration and one answer', async () => {
  const binder = binderFor({
    query: t.Object({ page: t.Integer() }),
    headers: z.object({ 'x-id': z.string() }),
  });
  assert.deepEqual(
    (await problems(() => binder.bind(fakeSource({ query: 'page=x' })))).map(
      (item) => `${item.in}:${item.name}`,
    ),
    ['query:page', 'header:x-id'],
  );
});
