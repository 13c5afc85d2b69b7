import { getRequestListener } from '@hono/node-server';
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Peer } from '../peer.js';

/** Hono on @hono/node-server with a zod validator per request part, as Hono's docs show. */

const param = z.object({ shopId: z.coerce.number().int() });
const query = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});
const header = z.object({ 'x-request-id': z.string() });
const cookie = z.object({ session: z.string() });
const json = z.strictObject({
  item: z.string().min(1),
  qty: z.number().int().min(1).max(100),
  tags: z.array(z.string()).max(10).optional(),
});

export const peer: Peer = {
  name: 'hono',
  async create() {
    const app = new Hono();
    app.get('/', (c) => c.json({ hello: 'world' }));
    app.post(
      // The pattern keeps `/shops/abc/orders` a 404, like the `{shopId:int}` template it mirrors.
      '/shops/:shopId{[0-9]+}/orders',
      zValidator('param', param),
      zValidator('query', query),
      zValidator('header', header),
      zValidator('cookie', cookie),
      zValidator('json', json),
      (c) => {
        const { item, qty } = c.req.valid('json');
        return c.json(
          {
            shopId: c.req.valid('param').shopId,
            item,
            qty,
            total: qty * 3,
            dryRun: c.req.valid('query').dryRun ?? false,
            requestId: c.req.valid('header')['x-request-id'],
            session: c.req.valid('cookie').session,
          },
          201,
        );
      },
    );
    return { listener: getRequestListener(app.fetch), close: async () => {} };
  },
};
