import { createWriteStream } from 'node:fs';
import { type Logger, pino } from 'pino';
import { loadDaprConfiguration, runtimeVersion, Sidecar } from '../components/index.js';
import type { CliIo } from './cli-io.js';
import { parseSidecarArgs, type SidecarSettings } from './sidecar-settings.js';
import { textLogDestination } from './text-log.js';

export const sidecarUsage = `Usage: bindery sidecar [daprd flags]

Serves Dapr's bindings API (HTTP and gRPC) from Dapr component files, so Dapr SDK clients can
use Bindery as their sidecar. It takes daprd's command line: flags that do not apply to Bindery
are accepted and named in the log.

Flags:
  --resources-path DIR          Folder of component files (top level only); repeatable, or comma-separated
  --components-path DIR         Deprecated: used when no --resources-path is given
  --config FILE                 Dapr Configuration file(s): API allow lists, features, tracing
                                sampling (0 turns trace propagation off), API logging, component deny list
  --app-id ID                   This app's id: components scoped to other apps are skipped
  --dapr-http-port PORT         HTTP API port (default 3500; also --http-port)
  --dapr-grpc-port PORT         gRPC API port (default 50001; also --grpc-port)
  --dapr-listen-addresses LIST  Comma-separated interfaces to listen on (default 127.0.0.1; also --host)
  --max-body-size SIZE          Largest HTTP body and gRPC message (default 4Mi; 0 = no limit)
  --dapr-http-max-request-size MB   Deprecated form of --max-body-size
  --read-buffer-size SIZE       Largest request head (also --dapr-http-read-buffer-size KB)
  --app-port PORT               The app's port: input binding events are POSTed to it
  --app-channel-address ADDR    The app's address (default 127.0.0.1)
  --app-max-concurrency N       Input events in flight per binding (default: no limit)
  --app-protocol PROTOCOL       Reported by the metadata API
  --log-level LEVEL             debug, info, warn, error, fatal (also trace, silent; default info)
  --log-as-json                 JSON log lines (default: daprd's text format)
  --log-file FILE               Append the log to FILE instead of stdout
  --enable-api-logging          Log every API call
  --dapr-graceful-shutdown-seconds N   How long shutdown waits for calls under way (default 5)
  --allow-shutdown-without-token       Without DAPR_API_TOKEN, let loopback callers use /v1.0/shutdown
  --version                     Print the version
  -h, --help                    Show this help

Environment:
  DAPR_API_TOKEN   When set, every call but healthz must send it in dapr-api-token
  APP_API_TOKEN    When set, sent to the app as dapr-api-token with every event
  NAMESPACE        Components of other namespaces are skipped; {namespace} expands with it
  POD_NAME         Value of the {podName} template
`;

function makeLogger(settings: SidecarSettings): Logger {
  const out =
    settings.logFile === undefined ? process.stdout : createWriteStream(settings.logFile, { flags: 'a' });
  const destination = settings.logAsJson ? out : textLogDestination(out);
  return pino({ name: 'bindery-sidecar', level: settings.logLevel }, destination);
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
  if (settings === 'version') {
    io.stdout(`${runtimeVersion}\n`);
    return 0;
  }
  const logger: Logger = io.logger ?? makeLogger(settings);
  for (const message of settings.notes) logger.warn(message);

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

  let sidecar: Sidecar | undefined;
  try {
    try {
      const configuration = await loadDaprConfiguration(settings.configPaths);
      for (const message of configuration.ignored) logger.warn(message);
      sidecar = new Sidecar({
        resourcesPaths: settings.resourcesPaths,
        appId: settings.appId,
        httpPort: settings.httpPort,
        grpcPort: settings.grpcPort,
        listenAddresses: settings.listenAddresses,
        maxBodySize: settings.maxBodySize,
        ...(settings.readBufferSize === undefined ? {} : { headerSize: settings.readBufferSize }),
        configuration,
        ...(settings.enableApiLogging === undefined ? {} : { apiLogging: settings.enableApiLogging }),
        ...(settings.app.port === undefined ? {} : { appPort: settings.app.port }),
        appHost: settings.app.channelAddress,
        appProtocol: settings.app.protocol,
        ...(settings.app.maxConcurrency > 0 ? { maxInFlight: settings.app.maxConcurrency } : {}),
        ...(process.env.APP_API_TOKEN === undefined ? {} : { appApiToken: process.env.APP_API_TOKEN }),
        closeTimeoutMs: settings.gracefulShutdownMs,
        shutdownWithoutToken: settings.shutdownWithoutToken,
        logger,
        onShutdown: () => stop('shutdown requested through the API'),
      });
      const ports = await sidecar.start();
      const where = settings.listenAddresses.join(', ');
      logger.info(
        { httpPort: ports.httpPort, grpcPort: ports.grpcPort, bindings: sidecar.runtime.bindingNames() },
        `bindery sidecar ready: HTTP on ${where} port ${ports.httpPort}, gRPC on ${where} port ${ports.grpcPort}`,
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
