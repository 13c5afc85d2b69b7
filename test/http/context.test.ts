import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Container, WebService } from '../../src/index.js';

test('deferred cleanups run newest first when the request ends, failures included', async () => {
  const ran: string[] = [];
  const ws = new WebService('/');
  ws.get('/x').to((_input, _deps, ctx) => {
    ctx.defer(() => ran.push('first'));
    ctx.defer({ dispose: () => ran.push('second') });
    ctx.defer(async () => {
      ran.push('third');
      throw new Error('cleanup failure is logged, not thrown');
    });
    ctx.defer(() => {
      ran.push('fourth');
      throw new Error('sync failure too');
    });
    return 'ok';
  });
  const res = await new Container().add(ws).inject({ url: '/x' });
  assert.equal(res.status, 200);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(ran, ['fourth', 'third', 'second', 'first']);
});

test('the request id comes from a sane incoming header and is stable within a request', async () => {
  const ws = new WebService('/');
  ws.get('/id').to((_input, _deps, ctx) => [ctx.id, ctx.id]);
  const container = new Container().add(ws);
  assert.deepEqual((await container.inject({ url: '/id', headers: { 'x-request-id': 'abc' } })).json(), [
    'abc',
    'abc',
  ]);
  const [a, b] = (await container.inject({ url: '/id' })).json<string[]>();
  assert.equal(a, b);
  assert.match(a!, /^[0-9a-f-]{36}$/);
});
