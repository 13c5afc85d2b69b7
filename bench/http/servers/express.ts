import { parse as parseCookie } from 'cookie';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Peer } from '../peer.js';
import { SHOP_ID, validateBody, validateCookies, validateHeaders, validateQuery } from './ajv-schemas.js';

/**
 * Express 5 as most apps use it: default settings, express.json() mounted globally, validation
 * by ajv validators compiled once.
 */

function bodyParserErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  // body-parser marks malformed JSON with a 4xx status; anything else is a real failure.
  const status = typeof err === 'object' && err !== null && 'status' in err ? err.status : undefined;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    res.status(status).json({ error: 'invalid body' });
    return;
  }
  next(err);
}

export const peer: Peer = {
  name: 'express',
  async create() {
    const app = express();
    app.use(express.json());
    app.get('/', (_req, res) => {
      res.json({ hello: 'world' });
    });
    app.post('/shops/:shopId/orders', (req, res, next) => {
      if (!SHOP_ID.test(req.params.shopId)) {
        next('route');
        return;
      }
      // Express 5 parses req.query anew on every access, so validate (and coerce) one copy.
      const query: Record<string, unknown> = { ...req.query };
      const cookies = parseCookie(req.headers.cookie ?? '');
      if (
        !validateQuery(query) ||
        !validateHeaders(req.headers) ||
        !validateCookies(cookies) ||
        !validateBody(req.body)
      ) {
        res.status(400).json({ error: 'invalid request' });
        return;
      }
      const { item, qty } = req.body;
      res.status(201).json({
        shopId: Number(req.params.shopId),
        item,
        qty,
        total: qty * 3,
        dryRun: query.dryRun ?? false,
        requestId: req.headers['x-request-id'],
        session: cookies.session,
      });
    });
    app.use(bodyParserErrors);
    return { listener: app, close: async () => {} };
  },
};
