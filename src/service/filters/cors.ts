import type { Context } from '../../http/context.js';
import { httpError } from '../../http/http-error.js';
import { status } from '../../http/results.js';
import { StartupError } from '../../http/startup-error.js';
import { allowHeader } from '../allow.js';
import type { Filter } from '../filter.js';

export interface CorsOptions {
  /** Exact origins, `'*'` for any, or a function deciding per origin (may be async). */
  origins: readonly string[] | '*' | ((origin: string, ctx: Context<unknown>) => boolean | Promise<boolean>);
  /** Methods a preflight allows; by default the methods the path really has. */
  methods?: readonly string[];
  /** Request headers a preflight allows; by default whatever the browser asked for. */
  allowedHeaders?: readonly string[];
  exposedHeaders?: readonly string[];
  credentials?: boolean;
  /** Seconds a browser may cache a preflight answer. */
  maxAge?: number;
}

/**
 * Cross-origin resource sharing. Add it as a container filter: preflights are answered before
 * routing (so OPTIONS needs no route), and actual requests get their allow/expose headers.
 * A preflight from an origin that is not allowed is refused with 403.
 */
export function cors(options: CorsOptions): Filter {
  const exact = Array.isArray(options.origins) ? new Set(options.origins) : undefined;
  const anyOrigin = options.origins === '*';
  const decide = typeof options.origins === 'function' ? options.origins : undefined;
  if (anyOrigin && options.credentials === true) {
    throw new StartupError(
      'BND_ERR_INVALID_OPTION',
      "cors: credentials cannot be allowed for every origin ('*'); list the origins instead",
    );
  }
  const exposed = options.exposedHeaders?.join(', ');
  const allowedHeaders = options.allowedHeaders?.join(', ');
  const fixedMethods = options.methods === undefined ? undefined : allowHeader(options.methods);

  // Only a user function can be asynchronous; listed origins are decided without a promise.
  const allowed = (origin: string, ctx: Context<unknown>): boolean | Promise<boolean> =>
    decide === undefined ? anyOrigin || exact?.has(origin) === true : decide(origin, ctx);

  return async (ctx, next) => {
    const origin = ctx.req.headers.origin;
    if (origin === undefined) {
      await next();
      return;
    }
    const c = ctx as Context<unknown>;
    const preflight =
      ctx.method === 'OPTIONS' && ctx.req.headers['access-control-request-method'] !== undefined;
    const verdict = allowed(origin, c);
    const ok = verdict instanceof Promise ? await verdict : verdict;
    ctx.setHeader('vary', 'Origin');
    if (!ok) {
      if (preflight) throw httpError('BND_ERR_FORBIDDEN', `Origin ${origin} is not allowed`);
      await next();
      return;
    }
    ctx.setHeader('access-control-allow-origin', anyOrigin ? '*' : origin);
    if (options.credentials === true) ctx.setHeader('access-control-allow-credentials', 'true');
    if (!preflight) {
      if (exposed !== undefined) ctx.setHeader('access-control-expose-headers', exposed);
      await next();
      return;
    }
    const methods = fixedMethods ?? c.allow();
    ctx.setHeader('access-control-allow-methods', methods);
    const requested = ctx.req.headers['access-control-request-headers'];
    const headers = allowedHeaders ?? requested;
    if (headers !== undefined && headers !== '') ctx.setHeader('access-control-allow-headers', headers);
    if (options.maxAge !== undefined) ctx.setHeader('access-control-max-age', String(options.maxAge));
    ctx.result = status(204);
  };
}
