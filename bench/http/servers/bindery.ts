import type * as Bindery from '../../../src/index.js';
import type { Peer } from '../peer.js';
import { loadBindery } from './bindery-entry.js';

/**
 * Bindery through its public API only, written the way DESIGN.md shows a service: one binding
 * declaration per route, validated once; `{shopId:int}` types the path parameter. Responses
 * are declared with schemas, as the Fastify peer declares its own, and written through them.
 */

export const peer: Peer = {
  name: 'bindery',
  async create() {
    const container = await benchContainer();
    return { listener: container.handler, close: () => container.close() };
  },
};

/** The benchmarked app as a Container, for variants that add to it (metrics). */
export async function benchContainer(): Promise<Bindery.Container> {
  const { Container, created, t, WebService } = await loadBindery();
  const ws = new WebService('/');
  ws.get('/')
    .returns(200, 'a greeting', t.Object({ hello: t.String() }))
    .to(() => ({ hello: 'world' }));
  ws.post('/shops/{shopId:int}/orders')
    .bind({
      query: t.Object({ dryRun: t.Optional(t.Boolean()) }),
      headers: t.Object({ 'x-request-id': t.String() }),
      cookies: t.Object({ session: t.String() }),
      body: t.Object(
        {
          item: t.String({ minLength: 1 }),
          qty: t.Integer({ minimum: 1, maximum: 100 }),
          tags: t.Optional(t.Array(t.String(), { maxItems: 10 })),
        },
        { additionalProperties: false },
      ),
    })
    .returns(
      201,
      'the order',
      t.Object({
        shopId: t.Integer(),
        item: t.String(),
        qty: t.Integer(),
        total: t.Integer(),
        dryRun: t.Boolean(),
        requestId: t.String(),
        session: t.String(),
      }),
    )
    .to(({ path, query, headers, cookies, body }) =>
      created({
        shopId: path.shopId,
        item: body.item,
        qty: body.qty,
        total: body.qty * 3,
        dryRun: query.dryRun ?? false,
        requestId: headers['x-request-id'],
        session: cookies.session,
      }),
    );
  return new Container().add(ws);
}
