import type { Filter } from '../filter.js';

export interface RequestLoggerOptions {
  /** pino level for successful answers (default info); 4xx log at warn, 5xx at error. */
  level?: 'trace' | 'debug' | 'info';
}

/**
 * Logs one line per request when its answer is finished: method, path, status, duration and
 * the request id (through the request's child logger).
 */
export function requestLogger(options: RequestLoggerOptions = {}): Filter {
  const level = options.level ?? 'info';
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    ctx.res.once('finish', () => {
      const status = ctx.res.statusCode;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = { method: ctx.method, path: ctx.path, status, ms: Math.round(ms * 1000) / 1000 };
      if (status >= 500) ctx.log.error(entry, 'request answered');
      else if (status >= 400) ctx.log.warn(entry, 'request answered');
      else ctx.log[level](entry, 'request answered');
    });
    await next();
  };
}
