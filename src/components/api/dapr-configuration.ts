import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { StartupError } from '../../http/startup-error.js';

/** One entry of a Configuration's `spec.api.allowed` or `spec.api.denied`. */
export interface ApiAccessRule {
  readonly name: string;
  readonly version: string;
  readonly protocol: string;
}

/** What Bindery takes from Dapr Configuration files (`--config`); the rest is reported as ignored. */
export interface DaprConfiguration {
  /** `spec.tracing.samplingRate` as written; "0" switches trace propagation off, as in daprd. */
  readonly samplingRate: string | undefined;
  readonly allowedApis: readonly ApiAccessRule[];
  readonly deniedApis: readonly ApiAccessRule[];
  /** Names of the features `spec.features` enables, in file order. */
  readonly features: readonly string[];
  /** `spec.logging.apiLogging`: the default of `--enable-api-logging`, and its two refinements. */
  readonly apiLogging: {
    readonly enabled: boolean | undefined;
    readonly omitHealthChecks: boolean;
    readonly obfuscateUrls: boolean;
  };
  /** `spec.components.deny`: `type` or `type/version` entries that must not be loaded. */
  readonly deniedComponents: readonly string[];
  /** One sentence per setting that Bindery does not act on. */
  readonly ignored: readonly string[];
}

export const emptyConfiguration: DaprConfiguration = {
  samplingRate: undefined,
  allowedApis: [],
  deniedApis: [],
  features: [],
  apiLogging: { enabled: undefined, omitHealthChecks: false, obfuscateUrls: false },
  deniedComponents: [],
  ignored: [],
};

const IGNORED_SECTIONS: Readonly<Record<string, string>> = {
  httppipeline: 'HTTP middleware components are not run',
  apphttppipeline: 'HTTP middleware components are not run',
  mtls: 'there is no sidecar-to-sidecar mTLS',
  metric: 'metrics are not served by the sidecar',
  metrics: 'metrics are not served by the sidecar',
  secrets: 'the secrets API is not served (secret stores only resolve component references)',
  accesscontrol: 'there is no service invocation',
  nameresolution: 'there is no service invocation',
  wasm: 'WebAssembly is not supported',
  workflow: 'there are no workflows',
};

/**
 * Reads daprd's `--config` files in order, each applied on top of the previous ones (a setting
 * a later file gives replaces the earlier one). `${VAR}` and `$VAR` are expanded from the
 * environment first, as daprd does. A file that cannot be read or parsed is an error.
 */
export async function loadDaprConfiguration(
  paths: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<DaprConfiguration> {
  const result = { ...emptyConfiguration, apiLogging: { ...emptyConfiguration.apiLogging } };
  const ignored = new Set<string>();
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new StartupError(
        'BND_ERR_COMPONENT_LOAD',
        `cannot read configuration ${path}: ${(error as Error).message}`,
      );
    }
    let doc: unknown;
    try {
      doc = parse(expandEnv(text, env));
    } catch (error) {
      throw new StartupError(
        'BND_ERR_COMPONENT_LOAD',
        `configuration ${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    const spec = field(record(doc), 'spec');
    for (const key of Object.keys(record(spec))) {
      const reason = IGNORED_SECTIONS[key.toLowerCase()];
      if (reason !== undefined) ignored.add(`${path}: spec.${key} is ignored: ${reason}`);
    }
    const tracing = record(field(spec, 'tracing'));
    const rate = field(tracing, 'samplingRate');
    if (rate !== undefined && rate !== null) result.samplingRate = String(rate);
    const api = record(field(spec, 'api'));
    if (field(api, 'allowed') !== undefined) result.allowedApis = rules(field(api, 'allowed'));
    if (field(api, 'denied') !== undefined) result.deniedApis = rules(field(api, 'denied'));
    if (field(spec, 'features') !== undefined) {
      result.features = list(field(spec, 'features'))
        .map(record)
        .filter((f) => field(f, 'enabled') === true || field(f, 'enabled') === 'true')
        .map((f) => String(field(f, 'name') ?? ''))
        .filter((name) => name !== '');
    }
    const logging = record(field(record(field(spec, 'logging')), 'apiLogging'));
    const enabled = field(logging, 'enabled');
    if (typeof enabled === 'boolean') result.apiLogging.enabled = enabled;
    if (typeof field(logging, 'omitHealthChecks') === 'boolean')
      result.apiLogging.omitHealthChecks = field(logging, 'omitHealthChecks') === true;
    if (typeof field(logging, 'obfuscateURLs') === 'boolean')
      result.apiLogging.obfuscateUrls = field(logging, 'obfuscateURLs') === true;
    const components = record(field(spec, 'components'));
    if (field(components, 'deny') !== undefined)
      result.deniedComponents = list(field(components, 'deny')).map(String);
  }
  return { ...result, ignored: [...ignored] };
}

/**
 * Whether an API is reachable under the allow and deny lists, as daprd decides it: a deny entry
 * removes it; when an allow list exists for the protocol, only what it names stays. Entries are
 * `{name, version, protocol}`; HTTP entries also match by path prefix (`v1.0/bindings`).
 */
export function apiAllowed(
  configuration: Pick<DaprConfiguration, 'allowedApis' | 'deniedApis'>,
  protocol: 'http' | 'grpc',
  api: { readonly name: string; readonly version: string; readonly path?: string },
): boolean {
  const matches = (rules: readonly ApiAccessRule[]) =>
    rules
      .filter((r) => r.protocol.toLowerCase() === protocol)
      .some(
        (r) =>
          (r.name === api.name && r.version === api.version) ||
          api.path?.startsWith(`${r.version}/${r.name}`) === true,
      );
  if (matches(configuration.deniedApis)) return false;
  const allowed = configuration.allowedApis.filter((r) => r.protocol.toLowerCase() === protocol);
  return allowed.length === 0 || matches(allowed);
}

/** daprd's sampling rule: tracing is on unless the rate parses as exactly zero. */
export function tracingEnabled(configuration: Pick<DaprConfiguration, 'samplingRate'>): boolean {
  const rate = configuration.samplingRate;
  if (rate === undefined) return true;
  const n = Number(rate.trim());
  return rate.trim() === '' || Number.isNaN(n) || n !== 0;
}

/** Go's os.ExpandEnv: `${NAME}` and `$NAME`; unset variables become empty. */
function expandEnv(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/\$\{([^}]*)\}|\$([A-Za-z0-9_]+)/g, (_, braced: string | undefined, bare: string) => {
    return env[braced ?? bare] ?? '';
  });
}

function rules(value: unknown): ApiAccessRule[] {
  return list(value)
    .map(record)
    .map((r) => ({
      name: String(field(r, 'name') ?? ''),
      version: String(field(r, 'version') ?? ''),
      protocol: String(field(r, 'protocol') ?? ''),
    }));
}

/** A member by name, matched case-insensitively as Go's JSON decoding of the file does. */
function field(value: unknown, name: string): unknown {
  const object = record(value);
  if (name in object) return object[name];
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
