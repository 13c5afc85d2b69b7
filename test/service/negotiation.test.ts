import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Container, WebService } from '../../src/index.js';

function app() {
  const ws = new WebService('/');
  ws.get('/doc')
    .produces('application/json', 'text/plain')
    .to(() => ({ a: 1 }));
  ws.post('/in')
    .consumes('application/json')
    .to(() => ({ ok: true }));
  ws.delete('/in')
    .consumes('application/json')
    .to(() => undefined);
  return new Container().add(ws);
}

describe('content negotiation', () => {
  test('Accept picks among produces, honouring q-values', async () => {
    const text = await app().inject({
      url: '/doc',
      headers: { accept: 'application/json;q=0.5, text/plain' },
    });
    assert.equal(text.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(text.body, '{"a":1}');
    const json = await app().inject({
      url: '/doc',
      headers: { accept: 'text/plain;q=0.2, application/json' },
    });
    assert.equal(json.headers['content-type'], 'application/json');
  });

  test('no Accept, or */*, gives the first produced type', async () => {
    assert.equal((await app().inject({ url: '/doc' })).headers['content-type'], 'application/json');
    const any = await app().inject({ url: '/doc', headers: { accept: '*/*' } });
    assert.equal(any.headers['content-type'], 'application/json');
  });

  test('an Accept that matches nothing is 406 naming the available types', async () => {
    const res = await app().inject({ url: '/doc', headers: { accept: 'application/xml' } });
    assert.equal(res.status, 406);
    assert.equal(res.headers['content-type'], 'application/problem+json');
    assert.match(res.json<{ detail: string }>().detail, /application\/json, text\/plain/);
  });

  test('a Content-Type outside consumes is 415', async () => {
    const res = await app().inject({
      method: 'POST',
      url: '/in',
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.status, 415);
    assert.equal(res.json<{ code: string }>().code, 'BND_ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  test('a matching Content-Type with parameters is accepted', async () => {
    const res = await app().inject({
      method: 'POST',
      url: '/in',
      body: '{}',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    assert.equal(res.status, 200);
  });

  test('a body-less request needs no Content-Type', async () => {
    assert.equal((await app().inject({ method: 'DELETE', url: '/in' })).status, 204);
    assert.equal((await app().inject({ method: 'POST', url: '/in' })).status, 200);
  });
});
