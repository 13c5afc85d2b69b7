import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Container, t, WebService } from '../../src/index.js';

const boundary = 'x-boundary';
const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="amount"\r\n\r\n100\r\n--${boundary}--\r\n`;

describe('cross-site form posts', () => {
  const ws = new WebService('/');
  ws.post('/transfer')
    .bind({ body: t.Object({ amount: t.Integer() }) })
    .to(({ body }) => ({ moved: body.amount }));
  ws.post('/form')
    .consumes('application/x-www-form-urlencoded')
    .bind({ body: t.Object({ amount: t.Integer() }) })
    .to(({ body }) => ({ moved: body.amount }));
  const container = new Container({ logger: false }).add(ws);
  after(() => container.close());

  test('a JSON body route refuses the types a page on another site can post without a preflight', async () => {
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'amount=100'],
      [`multipart/form-data; boundary=${boundary}`, multipart],
      ['text/plain', '{"amount":100}'],
    ] as const) {
      const res = await container.inject({
        method: 'POST',
        url: '/transfer',
        headers: { 'content-type': type },
        body,
      });
      assert.equal(res.status, 415, type);
      const problem = res.json() as { code: string; detail: string };
      assert.equal(problem.code, 'BND_ERR_UNSUPPORTED_MEDIA_TYPE');
      assert.match(problem.detail, /this route consumes application\/json, application\/\*\+json/);
    }
    const json = await container.inject({
      method: 'POST',
      url: '/transfer',
      headers: { 'content-type': 'application/vnd.api+json' },
      body: '{"amount":100}',
    });
    assert.deepEqual(json.json(), { moved: 100 });
  });

  test('a route that declares form types in consumes reads forms', async () => {
    const res = await container.inject({
      method: 'POST',
      url: '/form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'amount=100',
    });
    assert.deepEqual(res.json(), { moved: 100 });
  });
});
