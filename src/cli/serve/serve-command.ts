import { parseArgs } from 'node:util';
import { type Logger, pino } from 'pino';
import { type CliIo, CliUsageError } from '../cli-io.js';
import { ClusterSupervisor } from './cluster-supervisor.js';

export const serveUsage = `Usage: bindery serve <app-module> [options]

Runs an app on several worker processes sharing one port (node:cluster). The app module's
default export is a Container, or a function (possibly async) returning one.

Options:
  --workers N|auto   Worker processes (default auto: one per available core)
  --port PORT        Port to listen on (default $PORT, else 3000)
  --host ADDRESS     Interface to listen on (default $HOST, else 127.0.0.1)
  --log-level LEVEL  trace, debug, info, warn, error or silent (default info)
  -h, --help         Show this help

Signals:
  SIGTERM, SIGINT    Drain every worker (as container.close()), then exit
  SIGHUP             Replace the workers one at a time without refusing connections
`;

export interface ServeSettings {
  readonly module: string;
  readonly workers: number | 'auto';
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
}

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

/** Reads `bindery serve`'s arguments; every problem is a CliUsageError naming the option. */
export function parseServeArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): ServeSettings | 'help' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help === true) return 'help';
  const [module, extra] = parsed.positionals;
  if (module === undefined) throw new CliUsageError('the app module is required');
  if (extra !== undefined) throw new CliUsageError(`unexpected argument ${extra}`);
  const logLevel = v['log-level'] ?? 'info';
  if (!LEVELS.has(logLevel)) throw new CliUsageError(`--log-level must be one of ${[...LEVELS].join(', ')}`);
  return {
    module,
    workers: workers(v.workers ?? 'auto'),
    port: port(v.port ?? env.PORT ?? '3000'),
    host: v.host ?? env.HOST ?? '127.0.0.1',
    logLevel,
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      workers: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function workers(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new CliUsageError(`--workers must be a whole number from 1, or auto, not ${value}`);
  }
  return Number(value);
}

function port(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new CliUsageError(`--port must be a port number (0-65535), not ${value}`);
  }
  return Number(value);
}

/** `bindery serve`: starts the workers, reloads them on SIGHUP, drains them on SIGTERM/SIGINT. */
export async function runServe(args: readonly string[], io: CliIo): Promise<number> {
  const settings = parseServeArgs(args);
  if (settings === 'help') {
    io.stdout(serveUsage);
    return 0;
  }
  const logger: Logger = io.logger ?? pino({ name: 'bindery-serve', level: settings.logLevel });
  const supervisor = new ClusterSupervisor({ ...settings, logger });
  let stop: (reason: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });
  const signals = io.signals ?? process;
  const onInterrupt = () => stop('received SIGINT');
  const onTerminate = () => stop('received SIGTERM');
  const onHangup = () => {
    logger.info('received SIGHUP: replacing workers one at a time');
    supervisor.reload().then(
      () => logger.info({ pids: supervisor.pids() }, 'workers replaced'),
      (error: unknown) =>
        logger.error({ err: error }, 'reload stopped; the remaining old workers keep serving'),
    );
  };
  signals.on('SIGINT', onInterrupt);
  signals.on('SIGTERM', onTerminate);
  signals.on('SIGHUP', onHangup);
  try {
    try {
      await supervisor.start();
    } catch (error) {
      logger.error(`bindery serve could not start: ${(error as Error).message}`);
      return 1;
    }
    const where = supervisor.address;
    io.stdout(
      `serving ${settings.module} on http://${where?.address}:${where?.port} with ${supervisor.count} worker(s)\n`,
    );
    const reason = await stopped;
    logger.info(`${reason}: draining ${supervisor.count} worker(s)`);
    await supervisor.close();
    return 0;
  } finally {
    signals.off('SIGINT', onInterrupt);
    signals.off('SIGTERM', onTerminate);
    signals.off('SIGHUP', onHangup);
  }
}
