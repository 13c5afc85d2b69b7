import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Container, type Filter, HttpError, status, WebService } from '../../src/index.js';

function trace(log: string[], name: string): Filter {
  return async (_ctx, next) => {
    log.push(`${name}>`);
    await next();
    log.push(`<${name}`);
  };
}

describe('filters', () => {
  test('run container → service → route → handler and unwind in reverse', async () => {
    const log: string[] = [];
    const ws = new WebService('/').filter(trace(log, 'service'));
    ws.get('/x')
      .filter(trace(log, 'route'))
      .to(() => {
        log.push('handler');
        return 1;
      });
    const container = new Container().filter(trace(log, 'container')).add(ws);
    await container.inject({ url: '/x' });
    assert.deepEqual(log, [
      'container>',
      'service>',
      'route>',
      'handler',
      '<route',
      '<service',
      '<container',
    ]);
  });

  test('a filter that does not call next ends the chain with its result', async () => {
    let reached = false;
    const ws = new WebService('/');
    ws.get('/x')
      .filter((ctx) => {
        ctx.result = status(401, { reason: 'no token' });
      })
      .to(() => {
        reached = true;
        return 1;
      });
    const res = await new Container().add(ws).inject({ url: '/x' });
    assert.equal(res.status, 401);
    assert.deepEqual(res.json(), { reason: 'no token' });
    assert.equal(reached, false);
  });

  test('a filter sees and may replace the result after next()', async () => {
    const ws = new WebService('/');
    ws.get('/x')
      .filter(async (ctx, next) => {
        await next();
        ctx.result = { wrapped: ctx.result };
      })
      .to(() => 5);
    const res = await new Container().add(ws).inject({ url: '/x' });
    assert.deepEqual(res.json(), { wrapped: 5 });
  });

  test('container filters run for 404 and 405 too', async () => {
    const seen: string[] = [];
    const container = new Container()
      .filter(async (ctx, next) => {
        seen.push(ctx.path);
        await next();
      })
      .add(new WebService('/'));
    await container.inject({ url: '/missing' });
    assert.deepEqual(seen, ['/missing']);
  });

  test('a thrown error reaches filters and then the error answer', async () => {
    const caught: unknown[] = [];
    const ws = new WebService('/');
    ws.get('/x')
      .filter(async (_ctx, next) => {
        try {
          await next();
        } catch (error) {
          caught.push(error);
          throw error;
        }
      })
      .to(() => {
        throw new HttpError(403, 'no');
      });
    const res = await new Container().add(ws).inject({ url: '/x' });
    assert.equal(res.status, 403);
    assert.equal(caught.length, 1);
  });

  test('calling next twice is an error, not a double answer', async () => {
    const ws = new WebService('/');
    ws.get('/x')
      .filter(async (_ctx, next) => {
        await next();
        await next();
      })
      .to(() => 1);
    const res = await new Container().add(ws).inject({ url: '/x' });
    assert.equal(res.status, 500);
  });
});

describe('error-status handlers', () => {
  test('a container handler answers 404 its own way', async () => {
    const container = new Container().add(new WebService('/'));
    container.onError(404, (ctx) => status(404, { missing: ctx.path }));
    const res = await container.inject({ url: '/gone' });
    assert.equal(res.status, 404);
    assert.deepEqual(res.json(), { missing: '/gone' });
  });

  test('a service handler wins over the container for its routes and its root', async () => {
    const api = new WebService('/api').onError(404, () => ({ api: true }));
    api.get('/thing/{id:int}').to(() => 1);
    const container = new Container().add(api).onError(404, () => ({ container: true }));
    const inApi = await container.inject({ url: '/api/nothing' });
    assert.deepEqual(inApi.json(), { api: true });
    assert.equal(inApi.status, 404);
    const outside = await container.inject({ url: '/elsewhere' });
    assert.deepEqual(outside.json(), { container: true });
  });

  test('a handler returning undefined keeps the problem answer', async () => {
    const container = new Container().add(new WebService('/')).onError('default', () => undefined);
    const res = await container.inject({ url: '/gone' });
    assert.equal(res.headers['content-type'], 'application/problem+json');
  });

  test('a 500 handler receives the error and its answer hides the internals', async () => {
    const ws = new WebService('/');
    ws.get('/boom').to(() => {
      throw new Error('internal detail');
    });
    const container = new Container().add(ws).onError(500, (_ctx, error) => ({ sorry: error.status }));
    const res = await container.inject({ url: '/boom' });
    assert.equal(res.status, 500);
    assert.deepEqual(res.json(), { sorry: 500 });
  });
});
