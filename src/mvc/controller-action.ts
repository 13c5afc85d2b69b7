import type { Context } from '../http/context.js';
import { isStop } from '../inject/index.js';

/** What a controller route runs: the route's handler signature, with the controller as its one dependency. */
export type ControllerAction<C> = (
  input: unknown,
  deps: { readonly controller: C },
  ctx: Context<unknown>,
) => unknown;

/** The request hooks a controller may define. */
export interface RequestHooks {
  /** Runs before the method; a value other than undefined (or a thrown HttpError / stop) answers instead. */
  beginRequest?(ctx: Context<unknown>): unknown;
  /** Runs after the method, whatever happened: answered, stopped or thrown. */
  endRequest?(ctx: Context<unknown>): unknown;
}

type Method = (this: object, input: unknown, ctx: Context<unknown>) => unknown;

/**
 * Builds the handler of one controller route. Without hooks it is a plain call; with them,
 * `endRequest` runs in a `finally`, so cleanup happens even when the method or `beginRequest`
 * throws. When both the method and `endRequest` fail, the method's error is the answer and the
 * other is logged.
 */
export function controllerAction<C extends object>(
  read: (instance: C) => unknown,
  hooks: { readonly begin: boolean; readonly end: boolean },
): ControllerAction<C> {
  if (!hooks.begin && !hooks.end) {
    return (input, deps, ctx) => (read(deps.controller) as Method).call(deps.controller, input, ctx);
  }
  return async (input, deps, ctx) => {
    const controller = deps.controller as C & RequestHooks;
    let failed = false;
    try {
      if (hooks.begin) {
        const early = await controller.beginRequest?.(ctx);
        if (early !== undefined) return isStop(early) ? early.result : early;
      }
      return await (read(controller) as Method).call(controller, input, ctx);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      if (hooks.end) await end(controller, ctx, failed);
    }
  };
}

async function end(controller: RequestHooks, ctx: Context<unknown>, failed: boolean): Promise<void> {
  try {
    await controller.endRequest?.(ctx);
  } catch (error) {
    if (!failed) throw error;
    ctx.log.error({ err: error }, 'endRequest failed after the action had already failed');
  }
}
