/**
 * The contract every peer server must meet, written once so the harness, the in-process driver
 * and test/bench/peers.test.ts all judge the peers against the same requests and answers.
 */

export type RouteName = 'hello' | 'order';

export const ROUTE_NAMES: readonly RouteName[] = ['hello', 'order'];

export interface BenchRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** Header names as a client would send them; the peers see them lowercased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface Expectation {
  readonly status: number;
  /**
   * The parsed JSON body a success must carry. Error bodies are left unchecked because each
   * framework has its own error format (Bindery answers problem+json, Fastify its own shape).
   */
  readonly json?: unknown;
}

export interface Case {
  readonly name: string;
  readonly request: BenchRequest;
  readonly expect: Expectation;
}

const ORDER_HEADERS = {
  accept: 'application/json',
  'content-type': 'application/json',
  'x-request-id': 'req-7f3a',
  // A second cookie makes each peer actually parse the header instead of reading it whole.
  cookie: 'theme=dark; session=s3cr3t',
};

const VALID_ORDER = { item: 'widget', qty: 3, tags: ['red', 'blue'] };

/** The request each route is benchmarked with; every load generator sends exactly this. */
export const ROUTE_REQUESTS: Readonly<Record<RouteName, BenchRequest>> = {
  hello: { method: 'GET', url: '/', headers: { accept: 'application/json' } },
  order: {
    method: 'POST',
    url: '/shops/42/orders?dryRun=true',
    headers: ORDER_HEADERS,
    body: JSON.stringify(VALID_ORDER),
  },
};

function order(
  overrides: { url?: string; headers?: Record<string, string>; body?: unknown; rawBody?: string } = {},
): BenchRequest {
  return {
    method: 'POST',
    url: overrides.url ?? ROUTE_REQUESTS.order.url,
    headers: overrides.headers ?? ORDER_HEADERS,
    body: overrides.rawBody ?? JSON.stringify(overrides.body ?? VALID_ORDER),
  };
}

function without(name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(ORDER_HEADERS).filter(([key]) => key !== name));
}

const BAD_REQUEST: Expectation = { status: 400 };

/**
 * Every case the peers must agree on. The first two are the benchmarked requests; the rest pin
 * down the validation rules so that no peer is measured doing less work than the others.
 */
export const CASES: readonly Case[] = [
  { name: 'hello', request: ROUTE_REQUESTS.hello, expect: { status: 200, json: { hello: 'world' } } },
  {
    name: 'order',
    request: ROUTE_REQUESTS.order,
    expect: {
      status: 201,
      json: {
        shopId: 42,
        item: 'widget',
        qty: 3,
        total: 9,
        dryRun: true,
        requestId: 'req-7f3a',
        session: 's3cr3t',
      },
    },
  },
  {
    name: 'order without dryRun or tags',
    request: order({ url: '/shops/7/orders', body: { item: 'nut', qty: 100 } }),
    expect: {
      status: 201,
      json: {
        shopId: 7,
        item: 'nut',
        qty: 100,
        total: 300,
        dryRun: false,
        requestId: 'req-7f3a',
        session: 's3cr3t',
      },
    },
  },
  {
    name: 'order with dryRun=false',
    request: order({ url: '/shops/7/orders?dryRun=false' }),
    expect: {
      status: 201,
      json: {
        shopId: 7,
        item: 'widget',
        qty: 3,
        total: 9,
        dryRun: false,
        requestId: 'req-7f3a',
        session: 's3cr3t',
      },
    },
  },
  { name: 'qty 0', request: order({ body: { item: 'widget', qty: 0 } }), expect: BAD_REQUEST },
  { name: 'qty 101', request: order({ body: { item: 'widget', qty: 101 } }), expect: BAD_REQUEST },
  { name: 'qty not an integer', request: order({ body: { item: 'widget', qty: 1.5 } }), expect: BAD_REQUEST },
  { name: 'item missing', request: order({ body: { qty: 1 } }), expect: BAD_REQUEST },
  { name: 'item empty', request: order({ body: { item: '', qty: 1 } }), expect: BAD_REQUEST },
  {
    name: 'extra body property',
    request: order({ body: { item: 'widget', qty: 1, price: 5 } }),
    expect: BAD_REQUEST,
  },
  {
    name: 'eleven tags',
    request: order({ body: { item: 'widget', qty: 1, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) } }),
    expect: BAD_REQUEST,
  },
  {
    name: 'tag not a string',
    request: order({ body: { item: 'widget', qty: 1, tags: [1] } }),
    expect: BAD_REQUEST,
  },
  { name: 'body not JSON', request: order({ rawBody: '{"item":' }), expect: BAD_REQUEST },
  { name: 'x-request-id missing', request: order({ headers: without('x-request-id') }), expect: BAD_REQUEST },
  { name: 'cookie header missing', request: order({ headers: without('cookie') }), expect: BAD_REQUEST },
  {
    name: 'session cookie missing',
    request: order({ headers: { ...ORDER_HEADERS, cookie: 'theme=dark' } }),
    expect: BAD_REQUEST,
  },
  {
    name: 'dryRun not a boolean',
    request: order({ url: '/shops/42/orders?dryRun=maybe' }),
    expect: BAD_REQUEST,
  },
  // `{shopId:int}` is part of the route's shape, so a non-number does not match the route at all.
  { name: 'shopId not an int', request: order({ url: '/shops/abc/orders' }), expect: { status: 404 } },
  { name: 'unknown path', request: { method: 'GET', url: '/nowhere', headers: {} }, expect: { status: 404 } },
];

/** The status a benchmarked route's request must get, from its case above. */
export function expectedStatus(route: RouteName): number {
  const status = CASES.find((c) => c.request === ROUTE_REQUESTS[route])?.expect.status;
  if (status === undefined) throw new Error(`no case for route ${route}`);
  return status;
}
