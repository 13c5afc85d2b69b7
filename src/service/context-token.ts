import type { Context } from '../http/context.js';
import { seeded } from '../inject/index.js';

/**
 * The request's Context as a dependency: request-scoped providers name it to build values from
 * the request (the current user, a transaction bound to the request id).
 */
export const contextToken = seeded<Context<unknown>>('Context');
