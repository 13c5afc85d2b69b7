import type { Context } from '../http/context.js';
import { StartupError } from '../http/startup-error.js';

export type Next = () => Promise<void>;

/**
 * A filter wraps what comes after it: code before `await next()` runs on the way in, code after
 * it on the way out. Not calling `next` ends the chain (set `ctx.result` or throw to answer).
 */
export type Filter<P = Record<string, unknown>> = (ctx: Context<P>, next: Next) => unknown;

type AnyFilter = Filter<never>;

/**
 * Runs `filters` then `terminal`. The chain is walked by index so that composing a route's
 * flattened filter list costs one closure per request, not one per filter.
 */
export function runChain(
  filters: readonly AnyFilter[],
  ctx: Context<unknown>,
  terminal: (ctx: Context<unknown>) => unknown,
): Promise<void> {
  let index = -1;
  const dispatch = async (i: number): Promise<void> => {
    if (i <= index) throw new StartupError('BND_ERR_FILTER_NEXT', 'next() called more than once by a filter');
    index = i;
    if (i === filters.length) {
      await terminal(ctx);
      return;
    }
    await (filters[i] as Filter<unknown>)(ctx, () => dispatch(i + 1));
  };
  return dispatch(0);
}
