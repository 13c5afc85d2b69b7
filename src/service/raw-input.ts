import type { IncomingHttpHeaders } from 'node:http';
import type { Context } from '../http/context.js';

/** The query as a record: one key, one string; a repeated key, an array of them. */
export function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const seen = out[key];
    if (seen === undefined) out[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else out[key] = [seen, value];
  }
  return out;
}

/**
 * The first handler argument of a route that declared no binding: the request's sources as
 * they came, each built only when the handler reads it.
 */
class RawInput {
  constructor(private readonly ctx: Context<unknown>) {}

  get path(): unknown {
    return this.ctx.params;
  }

  get query(): Record<string, string | string[]> {
    return queryRecord(this.ctx.query);
  }

  get headers(): IncomingHttpHeaders {
    return this.ctx.headers;
  }

  get cookies(): Record<string, string | undefined> {
    return this.ctx.cookies;
  }

  get body(): undefined {
    return undefined;
  }
}

export function rawInput(ctx: Context<unknown>): RawInput {
  return new RawInput(ctx);
}
