import { parseQuantityBytes, quantityProblemText } from '../components/metadata-values.js';
import { CliUsageError } from './cli-io.js';
import { type ParsedFlags, parseFlags, sidecarFlags } from './daprd-flags.js';

/** What `bindery sidecar` was asked to do, read from a daprd-style command line. */
export interface SidecarSettings {
  readonly resourcesPaths: string[];
  readonly configPaths: string[];
  readonly httpPort: number;
  readonly grpcPort: number;
  readonly appId: string | undefined;
  /** Interfaces both APIs listen on (`--dapr-listen-addresses`, or `--host`). */
  readonly listenAddresses: string[];
  /** Largest HTTP body and gRPC message, in bytes; 0 means no limit. */
  readonly maxBodySize: number;
  /** Largest request head (`--read-buffer-size`), when given. */
  readonly readBufferSize: number | undefined;
  readonly logLevel: string;
  readonly logAsJson: boolean;
  readonly logFile: string | undefined;
  /** `--enable-api-logging`, or undefined when not given (the `--config` setting applies). */
  readonly enableApiLogging: boolean | undefined;
  /** Without DAPR_API_TOKEN, let loopback callers shut the sidecar down. */
  readonly shutdownWithoutToken: boolean;
  /** How long a shutdown waits for calls under way, in milliseconds. */
  readonly gracefulShutdownMs: number;
  readonly app: {
    readonly port: number | undefined;
    readonly protocol: string;
    readonly channelAddress: string;
    readonly maxConcurrency: number;
  };
  /** Warnings for the log: deprecated flags, and daprd flags that do not apply to Bindery. */
  readonly notes: string[];
}

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);
const PROTOCOLS = new Set(['http', 'https', 'grpc', 'grpcs', 'h2c']);
/** daprd's default for `--max-body-size`: 4 MiB on both APIs. */
export const DEFAULT_MAX_BODY_SIZE = 4 << 20;

/** Reads the sidecar's arguments; every problem is a CliUsageError naming the flag. */
export function parseSidecarArgs(args: readonly string[]): SidecarSettings | 'help' | 'version' {
  const flags = parseFlags(args);
  const v = (name: string): string | undefined => {
    const value = flags.values.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const list = (name: string): string[] => {
    const value = flags.values.get(name);
    return Array.isArray(value) ? [...value] : [];
  };
  const on = (name: string) => v(name) === 'true';
  if (on('help')) return 'help';
  if (on('version') || on('build-info')) return 'version';

  const notes: string[] = [];
  for (const name of new Set(flags.given)) {
    const reason = sidecarFlags[name]?.ignored;
    if (reason !== undefined) notes.push(`--${name} does not apply and is ignored: ${reason}`);
  }
  const mode = v('mode') ?? 'standalone';
  if (mode !== 'standalone') notes.push(`--mode ${mode} does not apply: Bindery runs as in standalone mode`);

  // daprd uses --components-path only when no --resources-path is given.
  const resourcesPaths = list('resources-path').filter((p) => p !== '');
  const componentsPath = v('components-path');
  if (componentsPath !== undefined && componentsPath !== '') {
    if (resourcesPaths.length === 0) {
      resourcesPaths.push(componentsPath);
      notes.push('--components-path is deprecated: use --resources-path');
    } else {
      notes.push('--components-path is ignored because --resources-path is given');
    }
  }
  if (resourcesPaths.length === 0) notes.push('no --resources-path given: no components are loaded');

  const logLevel = v('log-level') ?? 'info';
  if (!LEVELS.has(logLevel))
    throw new CliUsageError(`--log-level must be one of ${[...LEVELS].join(', ')}, not ${logLevel}`);

  let protocol = (v('app-protocol') ?? 'http').toLowerCase();
  if (!PROTOCOLS.has(protocol))
    throw new CliUsageError(`--app-protocol must be one of ${[...PROTOCOLS].join(', ')}, not ${protocol}`);
  if (on('app-ssl')) {
    notes.push("--app-ssl is deprecated: use '--app-protocol https|grpcs'");
    if (protocol === 'http') protocol = 'https';
    else if (protocol === 'grpc') protocol = 'grpcs';
  }

  const gracefulSeconds = Number(v('dapr-graceful-shutdown-seconds') ?? 5);
  return {
    resourcesPaths,
    configPaths: list('config').filter((p) => p !== ''),
    httpPort: portFlag(v, 'dapr-http-port', 'http-port', 3500),
    grpcPort: portFlag(v, 'dapr-grpc-port', 'grpc-port', 50001),
    appId: emptyToUndefined(v('app-id')),
    listenAddresses: listenAddresses(flags),
    maxBodySize: maxBodySize(flags),
    readBufferSize: readBufferSize(flags),
    logLevel,
    logAsJson: on('log-as-json'),
    logFile: emptyToUndefined(v('log-file')),
    enableApiLogging: v('enable-api-logging') === undefined ? undefined : on('enable-api-logging'),
    shutdownWithoutToken: on('allow-shutdown-without-token'),
    gracefulShutdownMs: Math.max(0, gracefulSeconds) * 1000,
    app: {
      port:
        v('app-port') === undefined || v('app-port') === ''
          ? undefined
          : port('--app-port', v('app-port'), 0),
      protocol,
      channelAddress: v('app-channel-address') ?? '127.0.0.1',
      maxConcurrency: Number(v('app-max-concurrency') ?? -1),
    },
    notes,
  };
}

/** `--dapr-listen-addresses` (comma-separated) wins over Bindery's `--host`; loopback by default. */
function listenAddresses(flags: ParsedFlags): string[] {
  const daprd = flags.values.get('dapr-listen-addresses');
  const host = flags.values.get('host');
  const text = typeof daprd === 'string' ? daprd : typeof host === 'string' ? host : '127.0.0.1';
  const addresses = text
    .split(',')
    .map((a) => a.trim().replace(/^\[(.*)\]$/, '$1'))
    .filter((a) => a !== '');
  return addresses.length === 0 ? ['127.0.0.1'] : [...new Set(addresses)];
}

/** `--max-body-size` (a quantity) wins over the deprecated `--dapr-http-max-request-size` (MB). */
function maxBodySize(flags: ParsedFlags): number {
  const quantity = flags.values.get('max-body-size');
  if (typeof quantity === 'string') return Math.max(0, quantityBytes('max-body-size', quantity));
  const megabytes = flags.values.get('dapr-http-max-request-size');
  if (typeof megabytes === 'string') return Math.max(0, Number(megabytes) * 2 ** 20);
  return DEFAULT_MAX_BODY_SIZE;
}

function readBufferSize(flags: ParsedFlags): number | undefined {
  const quantity = flags.values.get('read-buffer-size');
  if (typeof quantity === 'string') return quantityBytes('read-buffer-size', quantity) || undefined;
  const kilobytes = flags.values.get('dapr-http-read-buffer-size');
  if (typeof kilobytes === 'string') return Number(kilobytes) * 1024 || undefined;
  return undefined;
}

/** A Kubernetes resource quantity (`4Mi`, `10M`, `1e6`, `4194304`) as a whole number of bytes. */
export function quantityBytes(flag: string, text: string): number {
  const bytes = parseQuantityBytes(text.trim());
  if (typeof bytes === 'number') return bytes;
  throw new CliUsageError(`invalid value for '${flag}' option: ${quantityProblemText(text, bytes)}`);
}

/** daprd's flag, else Bindery's shorter spelling; a mistake names the flag that was given. */
function portFlag(
  v: (name: string) => string | undefined,
  daprd: string,
  own: string,
  fallback: number,
): number {
  const name = v(daprd) === undefined ? own : daprd;
  return port(`--${name}`, v(name), fallback);
}

function port(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new CliUsageError(`${name} must be a port number (0-65535), not ${value}`);
  return n;
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
