import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Container, WebService } from '../../src/index.js';

describe('dynamic routes', () => {
  test('routes added after start go live; removed ones answer 404', async () => {
    const ws = new WebService('/');
    ws.get('/a').to(() => 'a');
    const container = new Container().add(ws);
    await container.ready();
    assert.equal((await container.inject({ url: '/b' })).status, 404);
    ws.get('/b').to(() => 'b');
    assert.equal((await container.inject({ url: '/b' })).body, '"b"');
    assert.equal(ws.removeRoute('GET', '/b'), true);
    assert.equal((await container.inject({ url: '/b' })).status, 404);
    ws.get('/b').to(() => 'b again');
    assert.equal((await container.inject({ url: '/b' })).body, '"b again"');
  });

  test('a web service added or removed while serving', async () => {
    const container = new Container();
    await container.ready();
    const late = new WebService('/late');
    late.get('/').to(() => 'here');
    container.add(late);
    assert.equal((await container.inject({ url: '/late' })).status, 200);
    container.remove(late);
    assert.equal((await container.inject({ url: '/late' })).status, 404);
  });
});

describe('host-based groups', () => {
  test('a service bound to a host pattern gets the host params', async () => {
    const tenant = new WebService('/', { host: '{tenant}.example.com' });
    tenant.get('/who').to((_input, _deps, ctx) => ({ params: ctx.params }));
    const api = new WebService('/', { host: 'api.example.com' });
    api.get('/who').to(() => ({ api: true }));
    const plain = new WebService('/');
    plain.get('/who').to(() => ({ plain: true }));
    const container = new Container().add(tenant).add(api).add(plain);
    assert.deepEqual(
      (await container.inject({ url: '/who', headers: { host: 'acme.example.com:8080' } })).json(),
      {
        params: { tenant: 'acme' },
      },
    );
    assert.deepEqual((await container.inject({ url: '/who', headers: { host: 'api.example.com' } })).json(), {
      api: true,
    });
    assert.deepEqual((await container.inject({ url: '/who', headers: { host: 'other.org' } })).json(), {
      plain: true,
    });
  });
});
