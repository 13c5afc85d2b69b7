import type { Context } from '../http/context.js';
import type { HttpError } from '../http/http-error.js';

/**
 * Answers an error status in a custom way (a page, a different problem shape). It returns what a
 * handler would return; returning undefined keeps the default problem+json answer.
 */
export type ErrorHandler = (ctx: Context<unknown>, error: HttpError) => unknown;

/** Picks the handler for a status: the exact status, then `default`. */
export function pickErrorHandler(
  handlers: ReadonlyMap<number | 'default', ErrorHandler>,
  status: number,
): ErrorHandler | undefined {
  return handlers.get(status) ?? handlers.get('default');
}
