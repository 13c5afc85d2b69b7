import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Container, created, redirect, status, WebService } from '../../src/index.js';

describe('header values taken from the request', () => {
  const ws = new WebService('/');
  ws.get('/go').to((_input, _deps, ctx) => redirect(ctx.query.get('to') ?? '/'));
  ws.post('/make').to((_input, _deps, ctx) => created({ ok: true }, `/items/${ctx.query.get('name')}`));
  ws.get('/echo').to((_input, _deps, ctx) =>
    status(200, { ok: true }, { 'x-name': ctx.query.get('name') ?? '' }),
  );
  ws.get('/set').to((_input, _deps, ctx) => {
    ctx.setHeader('x-name', ctx.query.get('name') ?? '');
    return { ok: true };
  });
  ws.get('/named').to((_input, _deps, ctx) =>
    status(200, { ok: true }, { [ctx.query.get('name') ?? 'x']: '1' }),
  );
  const container = new Container({ logger: false }).add(ws);
  after(() => container.close());

  test('redirect() percent-encodes CR, LF, NUL, spaces and non-ASCII instead of failing', async () => {
    const res = await container.inject({
      method: 'GET',
      url: '/go?to=%2Fa%0D%0ASet-Cookie%3A%20x%3D1%00%C3%A9',
    });
    assert.equal(res.status, 302);
    assert.equal(res.headers.location, '/a%0D%0ASet-Cookie:%20x=1%00%C3%A9');
    assert.equal(res.headers['set-cookie'], undefined);
    const made = await container.inject({ method: 'POST', url: '/make?name=a%0Ab' });
    assert.equal(made.status, 201);
    assert.equal(made.headers.location, '/items/a%0Ab');
  });

  test("other header values HTTP cannot carry answer 400 naming the header, and none of the result's headers", async () => {
    for (const url of ['/echo?name=a%0D%0Ab', '/set?name=a%00b']) {
      const res = await container.inject({ method: 'GET', url });
      assert.equal(res.status, 400, url);
      const problem = res.json() as { code: string; detail: string; header: string };
      assert.equal(problem.code, 'BND_ERR_INVALID_HEADER');
      assert.equal(problem.header, 'x-name');
      assert.match(problem.detail, /"x-name" header cannot carry the value given/);
      assert.equal(res.headers['x-name'], undefined);
    }
    const named = await container.inject({ method: 'GET', url: '/named?name=a%20b' });
    assert.equal(named.status, 400);
    assert.match((named.json() as { detail: string }).detail, /header named "a b"/);
  });
});
