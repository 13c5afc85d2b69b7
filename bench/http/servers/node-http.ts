import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Peer } from '../peer.js';

/**
 * The floor: what the two routes cost with nothing but node:http and hand-written parsing and
 * validation. Every framework is compared against it.
 */

const HELLO = JSON.stringify({ hello: 'world' });
const ORDER_PATH = /^\/shops\/(\d+)\/orders$/;
const MAX_BODY = 1024 * 1024;

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function fail(res: ServerResponse, status: number, message: string): void {
  send(res, status, JSON.stringify({ error: message }));
}

function listener(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (path === '/' && req.method === 'GET') {
    send(res, 200, HELLO);
    return;
  }
  const match = req.method === 'POST' ? ORDER_PATH.exec(path) : null;
  if (match === null) {
    fail(res, 404, 'not found');
    return;
  }
  order(req, res, Number(match[1]), q === -1 ? '' : url.slice(q + 1));
}

function order(req: IncomingMessage, res: ServerResponse, shopId: number, search: string): void {
  const dryRunText = new URLSearchParams(search).get('dryRun');
  if (dryRunText !== null && dryRunText !== 'true' && dryRunText !== 'false') {
    fail(res, 400, 'dryRun must be a boolean');
    return;
  }
  const requestId = req.headers['x-request-id'];
  if (typeof requestId !== 'string') {
    fail(res, 400, 'x-request-id is required');
    return;
  }
  const session = cookie(req.headers.cookie, 'session');
  if (session === undefined) {
    fail(res, 400, 'session cookie is required');
    return;
  }
  if (!req.headers['content-type']?.startsWith('application/json')) {
    fail(res, 415, 'expected application/json');
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY) chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > MAX_BODY) {
      fail(res, 413, 'body too large');
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      fail(res, 400, 'body is not JSON');
      return;
    }
    const problem = validateOrder(body);
    if (typeof problem === 'string') {
      fail(res, 400, problem);
      return;
    }
    send(
      res,
      201,
      JSON.stringify({
        shopId,
        item: problem.item,
        qty: problem.qty,
        total: problem.qty * 3,
        dryRun: dryRunText === 'true',
        requestId,
        session,
      }),
    );
  });
}

interface Order {
  item: string;
  qty: number;
}

/** Returns the order when valid, otherwise the first problem found. */
function validateOrder(body: unknown): Order | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body must be an object';
  const record = body as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'item' && key !== 'qty' && key !== 'tags') return `unexpected property ${key}`;
  }
  const { item, qty, tags } = record;
  if (typeof item !== 'string' || item.length === 0) return 'item must be a non-empty string';
  if (typeof qty !== 'number' || !Number.isInteger(qty) || qty < 1 || qty > 100) {
    return 'qty must be an integer from 1 to 100';
  }
  if (tags !== undefined) {
    if (!Array.isArray(tags) || tags.length > 10) return 'tags must be an array of at most 10 items';
    for (const tag of tags) if (typeof tag !== 'string') return 'tags must be strings';
  }
  return { item, qty };
}

/** Finds one cookie without building a map of all of them, as a hand-tuned server would. */
function cookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return decode(part.slice(eq + 1).trim());
  }
  return undefined;
}

function decode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    // Like the cookie package: a malformed escape is kept as sent rather than failing the request.
    return value;
  }
}

export const peer: Peer = {
  name: 'node-http',
  async create() {
    return { listener, close: async () => {} };
  },
};
