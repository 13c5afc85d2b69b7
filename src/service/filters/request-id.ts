import type { Filter } from '../filter.js';

/**
 * Echoes the request id (the trusted incoming header, or a generated UUID) in a response
 * header, so clients and logs can quote the same id.
 */
export function requestId(header = 'x-request-id'): Filter {
  return (ctx, next) => {
    ctx.setHeader(header, ctx.id);
    return next();
  };
}
