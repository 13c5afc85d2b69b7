import { CliUsageError } from './cli-io.js';

/** How a flag takes its value, as daprd's flag library (pflag) reads it. */
export type FlagKind = 'string' | 'list' | 'bool' | 'int';

export interface FlagSpec {
  readonly kind: FlagKind;
  /** Set for daprd flags Bindery accepts but does not act on: the sentence logged when one is given. */
  readonly ignored?: string;
}

const CONTROL_PLANE = 'Bindery runs without a Dapr control plane';
const NO_ACTORS = 'Bindery has no actors, workflows, jobs or reminders';
const NO_INVOCATION = 'Bindery serves bindings only (no service invocation between sidecars)';
const NO_APP_HEALTH = 'Bindery does not probe the app’s health';

/**
 * Every flag of daprd, plus Bindery's own short names. A flag with `ignored` is accepted so an
 * existing daprd command line starts unchanged, and the reason is logged; the others keep
 * daprd's meaning. Anything else is an unknown flag, as in daprd.
 */
export const sidecarFlags: Readonly<Record<string, FlagSpec>> = {
  'app-id': { kind: 'string' },
  'app-port': { kind: 'string' },
  'app-protocol': { kind: 'string' },
  'app-channel-address': { kind: 'string' },
  'app-max-concurrency': { kind: 'int' },
  'app-ssl': { kind: 'bool' },
  'resources-path': { kind: 'list' },
  'components-path': { kind: 'string' },
  config: { kind: 'list' },
  'dapr-http-port': { kind: 'string' },
  'dapr-grpc-port': { kind: 'string' },
  'dapr-listen-addresses': { kind: 'string' },
  'max-body-size': { kind: 'string' },
  'dapr-http-max-request-size': { kind: 'int' },
  'read-buffer-size': { kind: 'string' },
  'dapr-http-read-buffer-size': { kind: 'int' },
  'log-level': { kind: 'string' },
  'log-as-json': { kind: 'bool' },
  'log-file': { kind: 'string' },
  'enable-api-logging': { kind: 'bool' },
  'dapr-graceful-shutdown-seconds': { kind: 'int' },
  mode: { kind: 'string' },
  version: { kind: 'bool' },
  'build-info': { kind: 'bool' },
  // Bindery's own spellings.
  'http-port': { kind: 'string' },
  'grpc-port': { kind: 'string' },
  host: { kind: 'string' },
  'allow-shutdown-without-token': { kind: 'bool' },
  help: { kind: 'bool' },
  // Accepted, logged, and left alone.
  'dapr-public-port': { kind: 'string', ignored: 'health and metadata are served on the API port' },
  'dapr-public-listen-address': {
    kind: 'string',
    ignored: 'health and metadata are served on the API port',
  },
  'dapr-internal-grpc-port': { kind: 'string', ignored: NO_INVOCATION },
  'dapr-internal-grpc-listen-address': { kind: 'string', ignored: NO_INVOCATION },
  'profile-port': { kind: 'string', ignored: 'Bindery has no profiling server (use node --inspect)' },
  'enable-profiling': { kind: 'bool', ignored: 'Bindery has no profiling server (use node --inspect)' },
  'control-plane-address': { kind: 'string', ignored: CONTROL_PLANE },
  'control-plane-trust-domain': { kind: 'string', ignored: CONTROL_PLANE },
  'control-plane-namespace': { kind: 'string', ignored: CONTROL_PLANE },
  'sentry-address': { kind: 'string', ignored: CONTROL_PLANE },
  'sentry-request-jwt-audiences': { kind: 'list', ignored: CONTROL_PLANE },
  'enable-mtls': { kind: 'bool', ignored: `${CONTROL_PLANE} (no sidecar-to-sidecar mTLS)` },
  'allowed-origins': { kind: 'string', ignored: 'the Dapr API answers no CORS preflights in Bindery' },
  'unix-domain-socket': { kind: 'string', ignored: 'Bindery listens on TCP only' },
  'dapr-block-shutdown-duration': { kind: 'string', ignored: NO_APP_HEALTH },
  'disable-builtin-k8s-secret-store': {
    kind: 'bool',
    ignored: 'Bindery has no built-in Kubernetes secret store',
  },
  'enable-app-health-check': { kind: 'bool', ignored: NO_APP_HEALTH },
  'app-health-check-path': { kind: 'string', ignored: NO_APP_HEALTH },
  'app-health-probe-interval': { kind: 'int', ignored: NO_APP_HEALTH },
  'app-health-probe-timeout': { kind: 'int', ignored: NO_APP_HEALTH },
  'app-health-threshold': { kind: 'int', ignored: NO_APP_HEALTH },
  'app-binding-options-timeout': {
    kind: 'string',
    ignored: 'input bindings are delivered without an OPTIONS probe timeout',
  },
  'disable-init-endpoints': { kind: 'list', ignored: 'Bindery calls no configuration or subscribe endpoint' },
  'placement-host-address': { kind: 'string', ignored: NO_ACTORS },
  'scheduler-host-address': { kind: 'list', ignored: NO_ACTORS },
  'scheduler-job-streams': { kind: 'int', ignored: NO_ACTORS },
  'actors-disseminate-timeout': { kind: 'string', ignored: NO_ACTORS },
  'actors-service': { kind: 'string', ignored: NO_ACTORS },
  'reminders-service': { kind: 'string', ignored: NO_ACTORS },
  'hot-reload-reconcile-interval': {
    kind: 'string',
    ignored: 'Bindery reads component files once, at start-up',
  },
  wait: { kind: 'bool', ignored: 'Bindery has no wait mode' },
  'metrics-port': { kind: 'string', ignored: 'Bindery serves no separate metrics port' },
  'metrics-listen-address': { kind: 'string', ignored: 'Bindery serves no separate metrics port' },
  'enable-metrics': { kind: 'bool', ignored: 'Bindery serves no separate metrics port' },
};

export interface ParsedFlags {
  /** Strings for string/int flags (the last occurrence wins), joined lists, 'true'/'false' for bools. */
  readonly values: ReadonlyMap<string, string | readonly string[]>;
  /** Flags given on the command line, in order (for "was it set" questions and warnings). */
  readonly given: readonly string[];
}

const SHORT: Readonly<Record<string, string>> = { h: 'help' };

/**
 * Reads a command line as daprd's pflag does: `--name value` or `--name=value`; a single dash
 * works as two (`-app-id x`, daprd doubles it); booleans take no separate value but accept
 * `--name=false`; list flags split on commas and add up over repeats; `--` ends the flags.
 */
export function parseFlags(
  args: readonly string[],
  flags: Readonly<Record<string, FlagSpec>> = sidecarFlags,
): ParsedFlags {
  const values = new Map<string, string | string[]>();
  const given: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      if (i + 1 < args.length) throw new CliUsageError(`unexpected argument ${args[i + 1]}`);
      break;
    }
    if (!arg.startsWith('-') || arg === '-') throw new CliUsageError(`unexpected argument ${arg}`);
    const body = arg.startsWith('--') ? arg.slice(2) : arg.slice(1);
    const eq = body.indexOf('=');
    const rawName = eq === -1 ? body : body.slice(0, eq);
    const name = arg.startsWith('--') || rawName.length > 1 ? rawName : (SHORT[rawName] ?? rawName);
    const spec = flags[name];
    if (spec === undefined) {
      throw new CliUsageError(
        arg.startsWith('--') || rawName.length > 1
          ? `unknown flag: --${rawName}`
          : `unknown shorthand flag: '${rawName}' in ${arg}`,
      );
    }
    let value: string;
    if (eq !== -1) value = body.slice(eq + 1);
    else if (spec.kind === 'bool') value = 'true';
    else {
      const next = args[i + 1];
      if (next === undefined) throw new CliUsageError(`flag needs an argument: --${name}`);
      value = next;
      i++;
    }
    values.set(name, check(name, spec, value, values.get(name)));
    given.push(name);
  }
  return { values, given };
}

function check(
  name: string,
  spec: FlagSpec,
  value: string,
  previous: string | string[] | undefined,
): string | string[] {
  const invalid = (reason: string) =>
    new CliUsageError(`invalid argument ${JSON.stringify(value)} for "--${name}" flag: ${reason}`);
  switch (spec.kind) {
    case 'bool': {
      const parsed = goBool(value);
      if (parsed === undefined) throw invalid('strconv.ParseBool: parsing: invalid syntax');
      return String(parsed);
    }
    case 'int':
      if (!/^[+-]?\d+$/.test(value)) throw invalid('strconv.ParseInt: parsing: invalid syntax');
      return String(Number(value));
    case 'list': {
      const items = value === '' ? [] : value.split(',').map((item) => item.trim());
      return [...(Array.isArray(previous) ? previous : []), ...items];
    }
    case 'string':
      return value;
  }
}

/** Go's strconv.ParseBool spellings. */
function goBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}
