import { createServer, type Server } from 'node:http';
import { Ajv } from 'ajv';
import { parse as parseCookie } from 'cookie';
import Fastify, { type FastifySchemaCompiler } from 'fastify';
import type { Listener, Peer } from '../peer.js';

/**
 * Fastify as its documentation recommends: JSON schemas for every input, validated by ajv, and
 * response schemas, serialized by fast-json-stringify.
 */

/**
 * Fastify's built-in ajv coerces every part, the body included (`"tags": [1]` would pass as
 * `["1"]`), and strips unknown properties instead of rejecting them. The spec wants a JSON body
 * taken as typed, so this follows Fastify's documented recipe of one ajv per request part: the
 * built-in options for the string-typed parts, no coercion for the body.
 */
const stringParts = new Ajv({ coerceTypes: 'array', useDefaults: true, removeAdditional: false });
const jsonBody = new Ajv({ coerceTypes: false, useDefaults: true, removeAdditional: false });
const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? jsonBody : stringParts).compile(schema);

const orderSchema = {
  params: {
    type: 'object',
    properties: { shopId: { type: 'integer' } },
    required: ['shopId'],
  },
  querystring: {
    type: 'object',
    properties: { dryRun: { type: 'boolean' } },
  },
  headers: {
    type: 'object',
    properties: { 'x-request-id': { type: 'string' }, cookie: { type: 'string' } },
    required: ['x-request-id', 'cookie'],
  },
  body: {
    type: 'object',
    properties: {
      item: { type: 'string', minLength: 1 },
      qty: { type: 'integer', minimum: 1, maximum: 100 },
      tags: { type: 'array', items: { type: 'string' }, maxItems: 10 },
    },
    required: ['item', 'qty'],
    additionalProperties: false,
  },
  response: {
    201: {
      type: 'object',
      properties: {
        shopId: { type: 'integer' },
        item: { type: 'string' },
        qty: { type: 'integer' },
        total: { type: 'integer' },
        dryRun: { type: 'boolean' },
        requestId: { type: 'string' },
        session: { type: 'string' },
      },
    },
  },
} as const;

const helloSchema = {
  response: { 200: { type: 'object', properties: { hello: { type: 'string' } } } },
} as const;

interface OrderRoute {
  Params: { shopId: number };
  Querystring: { dryRun?: boolean };
  Headers: { 'x-request-id': string; cookie: string };
  Body: { item: string; qty: number; tags?: string[] };
}

export const peer: Peer = {
  name: 'fastify',
  async create() {
    let handler: Listener | undefined;
    const app = Fastify({
      logger: false,
      // The documented way to get Fastify's node:http listener; the harness owns the real server.
      serverFactory: (h): Server => {
        handler = h;
        return createServer(h);
      },
    });
    app.setValidatorCompiler(validatorCompiler);
    app.get('/', { schema: helloSchema }, async () => ({ hello: 'world' }));
    // The regex keeps `/shops/abc/orders` a 404, like the `{shopId:int}` template it mirrors.
    app.post<OrderRoute>('/shops/:shopId(^\\d+$)/orders', { schema: orderSchema }, async (request, reply) => {
      // Fastify has no built-in cookie parser and @fastify/cookie is not a dependency here.
      const session = parseCookie(request.headers.cookie).session;
      if (session === undefined) return reply.code(400).send({ error: 'session cookie is required' });
      const { item, qty } = request.body;
      return reply.code(201).send({
        shopId: request.params.shopId,
        item,
        qty,
        total: qty * 3,
        dryRun: request.query.dryRun ?? false,
        requestId: request.headers['x-request-id'],
        session,
      });
    });
    await app.ready();
    if (handler === undefined) throw new Error('fastify did not call serverFactory');
    const listener = handler;
    return { listener, close: () => app.close() };
  },
};
