import { parseArgs } from 'node:util';
import { type Logger, pino } from 'pino';
import { Sidecar } from '../components/index.js';
import { type CliIo, CliUsageError } from './cli-io.js';

export const sidecarUsage = `Usage: bindery sidecar --resources-path DIR [options]

Serves Dapr's output bindings API (HTTP and gRPC) from Dapr component files, so Dapr SDK
clients can use Bindery as their sidecar.

Options:
  --resources-path DIR   Folder of component files (.yaml/.yml, top level only); repeatable
  --components-path DIR  Deprecated alias of --resources-path
  --http-port PORT       HTTP API port (default 3500; alias --dapr-http-port)
  --grpc-port PORT       gRPC API port (default 50001; alias --dapr-grpc-port)
  --app-id ID            This app's id: components scoped to other apps are skipped
  --app-port PORT        The app's port: input binding events are POSTed to it
  --host ADDRESS         Interface to listen on (default 127.0.0.1)
  --log-level LEVEL      trace, debug, info, warn, error or silent (default info)
  -h, --help             Show this help

Environment:
  DAPR_API_TOKEN         When set, every call but healthz must send it in dapr-api-token
  APP_API_TOKEN          When set, sent to the app as dapr-api-token with every event
`;

export interface SidecarSettings {
  readonly resourcesPaths: string[];
  readonly httpPort: number;
  readonly grpcPort: number;
  readonly appId: string | undefined;
  readonly appPort: number | undefined;
  readonly host: string;
  readonly logLevel: string;
  readonly deprecations: string[];
}

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

/** Reads the sidecar's arguments; every problem is a CliUsageError naming the option. */
export function parseSidecarArgs(args: readonly string[]): SidecarSettings | 'help' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help === true) return 'help';
  if (parsed.positionals.length > 0) throw new CliUsageError(`unexpected argument ${parsed.positionals[0]}`);
  const deprecations: string[] = [];
  const components = v['components-path'] ?? [];
  if (components.length > 0) deprecations.push('--components-path is deprecated: use --resources-path');
  const resourcesPaths = [...(v['resources-path'] ?? []), ...components];
  if (resourcesPaths.length === 0) throw new CliUsageError('--resources-path is required');
  const logLevel = v['log-level'] ?? 'info';
  if (!LEVELS.has(logLevel)) throw new CliUsageError(`--log-level must be one of ${[...LEVELS].join(', ')}`);
  return {
    resourcesPaths,
    httpPort: port('--http-port', v['http-port'] ?? v['dapr-http-port'], 3500),
    grpcPort: port('--grpc-port', v['grpc-port'] ?? v['dapr-grpc-port'], 50001),
    appId: v['app-id'],
    appPort: v['app-port'] === undefined ? undefined : port('--app-port', v['app-port'], 0),
    host: v.host ?? '127.0.0.1',
    logLevel,
    deprecations,
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      'resources-path': { type: 'string', multiple: true },
      'components-path': { type: 'string', multiple: true },
      'http-port': { type: 'string' },
      'dapr-http-port': { type: 'string' },
      'grpc-port': { type: 'string' },
      'dapr-grpc-port': { type: 'string' },
      'app-id': { type: 'string' },
      'app-port': { type: 'string' },
      host: { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function port(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new CliUsageError(`${name} must be a port number (0-65535), not ${value}`);
  return n;
}

/**
 * `bindery sidecar`: loads the components, serves both APIs, and shuts down gracefully on
 * SIGINT/SIGTERM or `POST /v1.0/shutdown` (a second signal forces the exit).
 */
export async function runSidecar(args: readonly string[], io: CliIo): Promise<number> {
  const settings = parseSidecarArgs(args);
  if (settings === 'help') {
    io.stdout(sidecarUsage);
    return 0;
  }
  const logger: Logger = io.logger ?? pino({ name: 'bindery-sidecar', level: settings.logLevel });
  for (const message of settings.deprecations) logger.warn(message);

  let stop: (reason: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });
  // Listening from the start: a signal during start-up still ends in a clean close.
  const signals = io.signals ?? process;
  let received = 0;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    received++;
    if (received === 1) return stop(`received ${signal}`);
    logger.warn('second signal: exiting without waiting');
    process.exit(1);
  };
  const onInterrupt = () => onSignal('SIGINT');
  const onTerminate = () => onSignal('SIGTERM');
  signals.on('SIGINT', onInterrupt);
  signals.on('SIGTERM', onTerminate);

  const sidecar = new Sidecar({
    resourcesPaths: settings.resourcesPaths,
    appId: settings.appId,
    httpPort: settings.httpPort,
    grpcPort: settings.grpcPort,
    host: settings.host,
    ...(settings.appPort === undefined ? {} : { appPort: settings.appPort }),
    ...(process.env.APP_API_TOKEN === undefined ? {} : { appApiToken: process.env.APP_API_TOKEN }),
    logger,
    onShutdown: () => stop('shutdown requested through the API'),
  });
  try {
    try {
      const ports = await sidecar.start();
      logger.info(
        { httpPort: ports.httpPort, grpcPort: ports.grpcPort, bindings: sidecar.runtime.bindingNames() },
        `bindery sidecar ready: HTTP on ${settings.host}:${ports.httpPort}, gRPC on ${settings.host}:${ports.grpcPort}`,
      );
    } catch (error) {
      logger.error(`bindery sidecar could not start: ${(error as Error).message}`);
      return 1;
    }
    const reason = await stopped;
    logger.info(`${reason}: shutting down`);
    await sidecar.close();
    logger.info('bindery sidecar stopped');
    return 0;
  } finally {
    signals.off('SIGINT', onInterrupt);
    signals.off('SIGTERM', onTerminate);
  }
}
