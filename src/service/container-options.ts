import pino, { type Logger, type LoggerOptions } from 'pino';
import type { Limits } from '../http/limits.js';
import { StartupError } from '../http/startup-error.js';
import { Router, type RouteTableFactory, type TrailingSlashPolicy } from '../router/index.js';

/**
 * Where a container is in its life: `created` until `ready()` is called, `starting` while it
 * compiles routes and resolves singletons, `ready` while it serves, `failed` when starting threw,
 * `closing` from the first `close()` call until everything is disposed, then `closed`.
 */
export type ContainerLifecycle = 'created' | 'starting' | 'ready' | 'failed' | 'closing' | 'closed';

export interface ContainerOptions {
  /** A pino logger, pino options, or false for none. Silent under NODE_ENV=test unless given. */
  logger?: Logger | LoggerOptions | false;
  limits?: Partial<Limits>;
  /** Trailing-slash policy of the router (default: the router's). */
  trailingSlash?: TrailingSlashPolicy;
  caseSensitive?: boolean;
  /**
   * Makes the route tables the container routes through (default: `Router`). Called once for
   * the default routes and once per host pattern, with the settings above.
   */
  router?: RouteTableFactory;
  /** Media types routes produce when neither they nor their service say (default JSON). */
  produces?: string[];
  /** Header trusted as the incoming request id; false to always generate one. */
  requestIdHeader?: string | false;
  /** How long `close()` waits for in-flight requests, in milliseconds. */
  closeTimeout?: number;
  /**
   * How long `close()` keeps connections that were idle when it began open, in milliseconds
   * (1 s), so that requests clients already sent on them are answered (with `Connection:
   * close`) instead of reset. 0 closes them at once.
   */
  closeGrace?: number;
  /**
   * OpenTelemetry spans for requests when the application registered an SDK before the
   * container starts (default true); false never looks for one.
   */
  tracing?: boolean;
  /**
   * Where the problem `type` of the application's own error codes (`registerErrorCode`) points:
   * this absolute URI followed by the code in lower case with hyphens
   * (`https://api.example.com/problems/shop-out-of-stock`). Bindery's own codes keep linking to
   * Bindery's docs. Without it an application code's type is `about:blank`.
   */
  problemTypeBase?: string;
}

export function checkedProblemTypeBase(base: string | undefined): string | undefined {
  if (base === undefined || URL.canParse(base)) return base;
  throw new StartupError(
    'BND_ERR_INVALID_OPTION',
    `problemTypeBase must be an absolute URI such as https://api.example.com/problems/, not ${JSON.stringify(base)}`,
  );
}

export const routerTable: RouteTableFactory = (settings) => new Router(settings);

export function makeLogger(option: ContainerOptions['logger']): Logger {
  if (option === false) return pino({ level: 'silent' });
  if (option !== undefined && typeof (option as Logger).child === 'function') return option as Logger;
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
  return pino({ level, ...(option as LoggerOptions | undefined) });
}
