import { isHttpError } from '../../http/index.js';
import { StartupError } from '../../http/startup-error.js';
import type { Filter, RouteBuilder, WebService } from '../../service/index.js';
import { routePath } from './app-channel.js';

export interface BindingRouteOptions {
  /** The component's `route` metadata, when it has one: events go there instead of `/<name>`. */
  readonly route?: string;
}

/**
 * Declares the route an input binding's events arrive at, for a typed handler: `POST /<name>`
 * (or the component's `route`) on `ws`, whose root must lead to it. Chain `.bind({ body,
 * headers })` to have each event's data bound and validated like a request body, `.inject()`
 * for dependencies, then `.to()`. An event the route refuses (a failed validation, a thrown
 * error, any status outside 2xx) is logged with its problems, and the component redelivers or
 * drops it as its system does.
 */
export function bindingRoute(
  ws: WebService,
  name: string,
  options: BindingRouteOptions = {},
): RouteBuilder<string> {
  const path = routePath(options.route ?? name);
  const root = ws.root.replace(/\/+$/, '');
  if (!path.startsWith(`${root}/`))
    throw new StartupError(
      'BND_ERR_COMPONENT_LOAD',
      `input binding ${name} delivers to ${path}, which is outside web service ${ws.root}`,
    );
  return ws
    .post(path.slice(root.length))
    .operation(`binding-${name}`)
    .tags('input bindings')
    .doc(`Events of input binding ${name}`)
    .filter(logRefusals(name));
}

/** Logs each event the route refuses: no HTTP client sees the answer, so the log is the only trace. */
function logRefusals(name: string): Filter {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const status = isHttpError(error) ? error.status : 500;
      const problems = isHttpError(error) ? error.errors : undefined;
      const detail = error instanceof Error ? error.message : String(error);
      const log = { binding: name, status, ...(problems === undefined ? {} : { problems }) };
      if (status >= 500)
        ctx.log.error({ ...log, err: error }, `input binding ${name}: event refused: ${detail}`);
      else ctx.log.warn(log, `input binding ${name}: event refused: ${detail}`);
      throw error;
    }
    if (ctx.status < 200 || ctx.status > 299)
      ctx.log.warn(
        { binding: name, status: ctx.status },
        `input binding ${name}: event refused with ${ctx.status}`,
      );
  };
}
