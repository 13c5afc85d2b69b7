import Router from '@koa/router';
import Koa, { type Context, type Next } from 'koa';
import type { Peer } from '../peer.js';
import { SHOP_ID, validateBody, validateCookies, validateHeaders, validateQuery } from './ajv-schemas.js';

/**
 * Koa 3 with @koa/router and ajv validators compiled once. Koa has no body parser of its own and
 * none is a dependency here, so a small middleware reads JSON the way @koa/bodyparser does.
 */

const MAX_BODY = 1024 * 1024;

async function jsonBody(ctx: Context, next: Next): Promise<void> {
  if (!ctx.is('application/json')) ctx.throw(415, 'expected application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY) ctx.throw(413, 'body too large');
    chunks.push(buffer);
  }
  try {
    ctx.state.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    ctx.throw(400, 'body is not JSON');
  }
  await next();
}

export const peer: Peer = {
  name: 'koa',
  async create() {
    const app = new Koa();
    // Client errors are answered, not logged; the benchmark's checks send some on purpose.
    app.silent = true;
    const router = new Router();
    router.get('/', (ctx) => {
      ctx.body = { hello: 'world' };
    });
    router.post(
      '/shops/:shopId/orders',
      async (ctx, next) => {
        // Falling through leaves the response unset, which Koa answers with 404.
        if (SHOP_ID.test(ctx.params.shopId ?? '')) await next();
      },
      jsonBody,
      (ctx) => {
        const query: Record<string, unknown> = { ...ctx.query };
        const cookies = { session: ctx.cookies.get('session') };
        const body: unknown = ctx.state.body;
        if (
          !validateQuery(query) ||
          !validateHeaders(ctx.headers) ||
          !validateCookies(cookies) ||
          !validateBody(body)
        ) {
          ctx.status = 400;
          ctx.body = { error: 'invalid request' };
          return;
        }
        ctx.status = 201;
        ctx.body = {
          shopId: Number(ctx.params.shopId),
          item: body.item,
          qty: body.qty,
          total: body.qty * 3,
          dryRun: query.dryRun ?? false,
          requestId: ctx.headers['x-request-id'],
          session: cookies.session,
        };
      },
    );
    app.use(router.routes());
    app.use(router.allowedMethods());
    return { listener: app.callback(), close: async () => {} };
  },
};
