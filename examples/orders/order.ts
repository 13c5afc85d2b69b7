import { t } from '../../src/index.js';

/** What a client sends to place an order. */
export const OrderInput = t.Object(
  {
    item: t.String({ minLength: 1, maxLength: 200 }),
    qty: t.Integer({ minimum: 1, maximum: 100 }),
    tags: t.Optional(t.Array(t.String({ maxLength: 40 }), { maxItems: 10 })),
  },
  { additionalProperties: false, $id: 'OrderInput' },
);

/** A stored order. */
export interface Order {
  id: string;
  shopId: number;
  item: string;
  qty: number;
  tags: string[];
  total: number;
  placedAt: string;
  requestId: string;
  session: string;
}

export const OrderSchema = t.Object(
  {
    id: t.String(),
    shopId: t.Integer(),
    item: t.String(),
    qty: t.Integer(),
    tags: t.Array(t.String()),
    total: t.Number(),
    placedAt: t.String({ format: 'date-time' }),
    requestId: t.String(),
    session: t.String(),
  },
  { $id: 'Order' },
);

/** What placing an order answers: the order, and whether it was only a dry run. */
export const PlacedOrderSchema = t.Composite([OrderSchema, t.Object({ dryRun: t.Boolean() })], {
  $id: 'PlacedOrder',
});

/** Unit price of every item in this example shop. */
export const UNIT_PRICE = 3;
