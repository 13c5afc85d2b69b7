import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Container, t, WebService } from '../../src/index.js';

const json = { 'content-type': 'application/json' };

describe('integers a double cannot hold', () => {
  const ws = new WebService('/');
  ws.post('/count')
    .bind({ body: t.Object({ n: t.Integer(), list: t.Optional(t.Array(t.Integer())) }) })
    .to(({ body }) => ({ n: body.n }));
  ws.post('/big')
    .bind({ body: t.Object({ id: t.BigInt() }) })
    .to(({ body }) => ({ id: body.id }));
  ws.get('/orders/{id:int64}').to(({ path }) => ({ id: path.id, next: path.id + 1n }));
  const container = new Container({ logger: false }).add(ws);
  after(() => container.close());

  test('an integer field refuses a JSON number beyond 2^53 instead of rounding it', async () => {
    const res = await container.inject({
      method: 'POST',
      url: '/count',
      headers: json,
      body: '{"n":9007199254740993,"list":[1,-9007199254740993]}',
    });
    assert.equal(res.status, 400);
    const problem = res.json() as { code: string; errors: { name: string; message: string }[] };
    assert.equal(problem.code, 'BND_ERR_VALIDATION');
    assert.deepEqual(
      problem.errors.map((e) => [e.name, e.message]),
      [
        ['/n', 'is too large to be held exactly (beyond ±9007199254740991)'],
        ['/list/1', 'is too large to be held exactly (beyond ±9007199254740991)'],
      ],
    );
    const edge = await container.inject({
      method: 'POST',
      url: '/count',
      headers: json,
      body: '{"n":9007199254740991}',
    });
    assert.deepEqual(edge.json(), { n: 9007199254740991 });
  });

  test('a bigint field takes big values as strings and says so for numbers', async () => {
    const text = await container.inject({
      method: 'POST',
      url: '/big',
      headers: json,
      body: '{"id":"9007199254740993"}',
    });
    assert.deepEqual(text.json(), { id: '9007199254740993' });
    const number = await container.inject({
      method: 'POST',
      url: '/big',
      headers: json,
      body: '{"id":9007199254740993}',
    });
    assert.equal(number.status, 400);
    assert.match(JSON.stringify(number.json()), /send it as a string/);
  });

  test('an int64 path value can be written back in the answer, exactly', async () => {
    const res = await container.inject({ method: 'GET', url: '/orders/9223372036854775806' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json(), { id: '9223372036854775806', next: '9223372036854775807' });
  });
});
