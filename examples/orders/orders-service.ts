import { randomUUID } from 'node:crypto';
import { created, HttpError, t, WebService } from '../../src/index.js';
import { ClockToken } from './clock.js';
import { type Order, OrderInput, OrderSchema, PlacedOrderSchema, UNIT_PRICE } from './order.js';
import { OrderStoreToken } from './order-store.js';

/**
 * Placing and reading orders of one shop: every request source bound, one validation. The
 * routes are declared in one chain, so the service's type holds all of them for a typed client.
 */
export function ordersService() {
  return new WebService('/shops/{shopId:int min(1)}/orders')
    .doc('Orders of one shop')
    .tags('orders')
    .post('/')
    .doc('Place an order')
    .notes('With `dryRun=true` the order is priced and validated but not stored.')
    .bind({
      query: t.Object({ dryRun: t.Boolean({ default: false }) }),
      headers: t.Object({ 'x-request-id': t.String({ minLength: 1, maxLength: 200 }) }),
      cookies: t.Object({ session: t.String({ minLength: 1 }) }),
      body: OrderInput,
    })
    .inject({ store: OrderStoreToken, clock: ClockToken })
    .returns(201, 'the order, and whether it was a dry run', PlacedOrderSchema)
    .returns(400, 'invalid input')
    .to(async ({ path, query, headers, cookies, body }, { store, clock }) => {
      const order: Order = {
        id: randomUUID(),
        shopId: path.shopId,
        item: body.item,
        qty: body.qty,
        tags: body.tags ?? [],
        total: body.qty * UNIT_PRICE,
        placedAt: clock.now().toISOString(),
        requestId: headers['x-request-id'],
        session: cookies.session,
      };
      if (!query.dryRun) await store.save(order);
      return created({ ...order, dryRun: query.dryRun }, `/shops/${order.shopId}/orders/${order.id}`);
    })
    .get('/')
    .doc('List the orders of a shop')
    .inject({ store: OrderStoreToken })
    .returns(200, 'the orders, oldest first', t.Array(OrderSchema))
    .to(({ path }, { store }) => store.list(path.shopId))
    .get('/{orderId:uuid}')
    .doc('One order')
    .inject({ store: OrderStoreToken })
    .returns(200, 'the order', OrderSchema)
    .returns(404, 'no such order')
    .to(async ({ path }, { store }) => {
      const order = await store.find(path.shopId, path.orderId);
      if (order === undefined) throw new HttpError(404, `shop ${path.shopId} has no order ${path.orderId}`);
      return order;
    });
}
