import { Ajv } from 'ajv';

/**
 * The order route's validators for the peers that validate with ajv directly (Express, Koa),
 * compiled once at startup. Two ajv instances because the sources differ: query, headers and
 * cookies arrive as strings and need coercion; a JSON body already has its types and must not
 * be coerced (`"qty": "3"` is not an integer).
 */

const coercing = new Ajv({ coerceTypes: true });
const exact = new Ajv();

export const validateQuery = coercing.compile<{ dryRun?: boolean }>({
  type: 'object',
  properties: { dryRun: { type: 'boolean' } },
});

export const validateHeaders = coercing.compile<{ 'x-request-id': string }>({
  type: 'object',
  properties: { 'x-request-id': { type: 'string' } },
  required: ['x-request-id'],
});

export const validateCookies = coercing.compile<{ session: string }>({
  type: 'object',
  properties: { session: { type: 'string' } },
  required: ['session'],
});

export interface OrderBody {
  item: string;
  qty: number;
  tags?: string[];
}

export const validateBody = exact.compile<OrderBody>({
  type: 'object',
  properties: {
    item: { type: 'string', minLength: 1 },
    qty: { type: 'integer', minimum: 1, maximum: 100 },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 10 },
  },
  required: ['item', 'qty'],
  additionalProperties: false,
});

/** Matches what `{shopId:int}` accepts in Bindery; path-to-regexp 8 has no inline patterns. */
export const SHOP_ID = /^\d+$/;
