import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HttpError, httpError, registerErrorCode } from '../../src/http/index.js';
import { Container, WebService } from '../../src/service/index.js';

// An application's own error codes link to the application's problem pages, never into Bindery's
// docs where they have no entry; Bindery's codes keep their links. A code a route names but
// nobody registered stops ready() instead of answering with a made-up title.

registerErrorCode('SHOP_OUT_OF_STOCK', {
  status: 409,
  title: 'Out Of Stock',
  description: 'The item has no units left.',
});

function shop(): WebService {
  const ws = new WebService('/shop');
  ws.post('/orders')
    .problems('SHOP_OUT_OF_STOCK')
    .to(() => {
      throw httpError('SHOP_OUT_OF_STOCK', 'item 7 has no units left');
    });
  return ws;
}

describe('problem type URIs', () => {
  test("an application code's type sits under the container's problemTypeBase", async () => {
    const container = new Container({ problemTypeBase: 'https://api.example.com/problems/' }).add(shop());
    const res = await container.inject({ method: 'POST', url: '/shop/orders' });
    assert.equal(res.status, 409);
    assert.deepEqual(res.json(), {
      type: 'https://api.example.com/problems/shop-out-of-stock',
      title: 'Out Of Stock',
      status: 409,
      detail: 'item 7 has no units left',
      code: 'SHOP_OUT_OF_STOCK',
      instance: '/shop/orders',
    });
  });

  test("Bindery's own codes keep Bindery's docs URI under the same container", async () => {
    const container = new Container({ problemTypeBase: 'https://api.example.com/problems/' }).add(shop());
    const res = await container.inject({ url: '/shop/nothing' });
    assert.equal(res.status, 404);
    assert.equal(res.json<{ type: string }>().type, 'https://bindery.dev/docs/errors#bnd-err-not-found');
  });

  test('without a base an application code is about:blank, not a link into Bindery docs', async () => {
    const container = new Container().add(shop());
    const res = await container.inject({ method: 'POST', url: '/shop/orders' });
    assert.equal(res.json<{ type: string }>().type, 'about:blank');
    assert.equal(res.json<{ title: string }>().title, 'Out Of Stock');
  });

  test('a problemTypeBase that is not an absolute URI is refused when the container is made', () => {
    assert.throws(() => new Container({ problemTypeBase: 'problems/' }), {
      code: 'BND_ERR_INVALID_OPTION',
      message: /problemTypeBase/,
    });
  });
});

describe('unregistered application codes', () => {
  test('a route naming an unregistered code fails ready(), naming the route and the code', async () => {
    const ws = new WebService('/shop');
    ws.delete('/orders/{id:int}')
      .problems('SHOP_ALREADY_SHIPPED')
      .to(() => null);
    await assert.rejects(new Container().add(ws).ready(), {
      name: 'StartupError',
      code: 'BND_ERR_ERROR_CODE',
      message: /route DELETE \/shop\/orders\/\{id:int\}.*SHOP_ALREADY_SHIPPED.*not registered/,
    });
  });

  test('a thrown unregistered code answers with the title of its status, not "Error"', async () => {
    const ws = new WebService('/shop');
    ws.get('/gone').to(() => {
      throw new HttpError(410, 'discontinued', { code: 'SHOP_DISCONTINUED' });
    });
    const res = await new Container().add(ws).inject({ url: '/shop/gone' });
    assert.equal(res.status, 410);
    assert.notEqual(res.json<{ title: string }>().title, 'Error');
    assert.equal(res.json<{ title: string }>().title, 'HTTP Error');
  });

  test('httpError() with an unregistered code throws a coded error', () => {
    assert.throws(() => httpError('SHOP_NEVER_REGISTERED'), { code: 'BND_ERR_ERROR_CODE' });
  });

  test("the BND_ERR_ prefix stays Bindery's", () => {
    assert.throws(() => registerErrorCode('BND_ERR_SHOP', { status: 400, title: 'Shop', description: 'x' }), {
      code: 'BND_ERR_ERROR_CODE',
      message: /prefix/,
    });
    assert.throws(
      () => registerErrorCode('BND_ERR_ROUTE_CONFLICT', { status: 400, title: 'x', description: 'x' }),
      { code: 'BND_ERR_ERROR_CODE', message: /already registered/ },
    );
  });
});
