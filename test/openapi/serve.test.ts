import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { z } from 'zod';
import { createOrdersApp } from '../../examples/orders/app.js';
import { Container, type OpenApiDocument, serveOpenApi, t, WebService } from '../../src/index.js';
import { assertValidDocument } from './document-check.js';

describe('serving the example document and docs page', () => {
  let dir: string;
  let app: Container;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bindery-openapi-'));
    app = await createOrdersApp({ dataDir: dir, logger: false });
  });
  after(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('GET /openapi.json is the valid document of the example, without the serving routes', async () => {
    const response = await app.inject({ url: '/openapi.json' });
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'application/json; charset=utf-8');
    const document = response.json<OpenApiDocument>();
    await assertValidDocument(document);
    assert.equal(document.info.title, 'Orders');
    assert.deepEqual(Object.keys(document.paths), [
      '/health',
      '/shops',
      '/shops/open/now',
      '/shops/{id}',
      '/shops/{shopId}/orders',
      '/shops/{shopId}/orders/{orderId}',
    ]);
    assert.deepEqual(Object.keys(document.components?.schemas ?? {}), [
      'Order',
      'OrderInput',
      'PlacedOrder',
      'Problem',
    ]);
    const again = await app.inject({ url: '/openapi.json' });
    assert.equal(again.body, response.body, 'the same bytes while routes stay the same');
  });

  test('GET /openapi.yaml is the same document as YAML', async () => {
    const json = (await app.inject({ url: '/openapi.json' })).json<OpenApiDocument>();
    const response = await app.inject({ url: '/openapi.yaml' });
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'application/yaml; charset=utf-8');
    assert.deepEqual(parse(response.body), json);
  });

  test('GET /docs is a page loading only files this server serves', async () => {
    const page = await app.inject({ url: '/docs', headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'; script-src 'self'/);
    const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.deepEqual(sources.sort(), [
      '/docs/assets/favicon-16x16.png',
      '/docs/assets/favicon-32x32.png',
      '/docs/assets/init.js',
      '/docs/assets/swagger-ui-bundle.js',
      '/docs/assets/swagger-ui.css',
    ]);
    const types = await Promise.all(
      sources.map(async (url) => {
        const asset = await app.inject({ url });
        assert.equal(asset.status, 200, url);
        assert.ok(asset.rawBody.length > 0, url);
        return asset.headers['content-type'];
      }),
    );
    assert.deepEqual(
      new Set(types),
      new Set(['image/png', 'text/javascript; charset=utf-8', 'text/css; charset=utf-8']),
    );
    const init = await app.inject({ url: '/docs/assets/init.js' });
    assert.match(init.body, /url: "\/openapi.json"/);
    assert.match(init.body, /validatorUrl: null/);
  });
});

describe('serveOpenApi', () => {
  test('joins the root service, follows route changes and can leave out YAML and the page', async () => {
    const container = new Container({ logger: false });
    const root = new WebService('/');
    root.get('/').to(() => 'home');
    container.add(root);
    const served = serveOpenApi(container, {
      jsonPath: '/api.json',
      yamlPath: false,
      docsPath: false,
      document: { info: { title: 'Small', version: '0.1.0' } },
    });
    assert.equal(served.service, root);
    assert.deepEqual(
      [served.jsonPath, served.yamlPath, served.docsPath],
      ['/api.json', undefined, undefined],
    );
    const first = (await container.inject({ url: '/api.json' })).json<OpenApiDocument>();
    assert.deepEqual(Object.keys(first.paths), ['/']);
    const items = new WebService('/items');
    items
      .get('/{id:int}')
      .returns(200, 'an item', t.Object({ id: t.Integer() }))
      .to(({ path }) => ({ id: path.id }));
    container.add(items);
    const second = (await container.inject({ url: '/api.json' })).json<OpenApiDocument>();
    assert.deepEqual(Object.keys(second.paths), ['/', '/items/{id}']);
    assert.equal((await container.inject({ url: '/openapi.yaml' })).status, 404);
    assert.equal((await container.inject({ url: '/docs' })).status, 404);
    await container.close();
  });

  test('a document that cannot be built answers 500 BND_ERR_OPENAPI_DOCUMENT', async () => {
    const container = new Container({ logger: false });
    const ws = new WebService('/x');
    ws.post('/dates')
      .bind({ body: z.object({ at: z.date() }) })
      .to(({ body }) => body.at.toISOString());
    container.add(ws);
    serveOpenApi(container, { docsPath: false });
    const response = await container.inject({ url: '/openapi.json' });
    assert.equal(response.status, 500);
    assert.equal(response.headers['content-type'], 'application/problem+json');
    assert.equal(response.json<{ code: string }>().code, 'BND_ERR_OPENAPI_DOCUMENT');
    await container.close();
  });
});
