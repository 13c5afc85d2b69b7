import type { ClusterOptions, RedisOptions } from 'ioredis';
import { defineMetadata, type MetadataValues } from '../../metadata-fields.js';

const NO_POOL =
  'Accepted for Dapr compatibility; Bindery pipelines every command over one connection per node, so there is no pool to size.';
const CLOUD_IDENTITY = 'sign in with redisUsername/redisPassword (a secretKeyRef) instead';

/**
 * Dapr's redis settings (components-contrib `common/component/redis/settings.go`), with its
 * names and defaults. They decode with Dapr's strict decoder: booleans as Go's ParseBool reads
 * them, bare integer durations in milliseconds, `-1` meaning "none" where Dapr says so.
 */
export const redisFields = defineMetadata({
  redisHost: {
    type: 'string',
    required: true,
    description:
      'host:port of the server; with redisType cluster, or failover, a comma-separated list (of sentinels when failover is true).',
  },
  redisPort: {
    type: 'integer',
    description:
      'Port for every host in redisHost that has none (6379 when neither says); must match a port redisHost already names.',
  },
  redisUsername: { type: 'string', description: 'ACL user name (Redis 6+).' },
  redisPassword: { type: 'string', sensitive: true, description: 'Password of the server or ACL user.' },
  redisDB: {
    type: 'integer',
    default: 0,
    description: 'Database selected after connecting (not with cluster).',
  },
  redisType: {
    type: 'string',
    default: 'node',
    oneOf: ['node', 'cluster'],
    description: '`node` (one server, or a sentinel-managed master) or `cluster` (Redis Cluster).',
  },
  enableTLS: { type: 'boolean', grammar: 'go', default: false, description: 'Connect with TLS.' },
  insecureSkipTLSVerify: {
    type: 'boolean',
    grammar: 'go',
    default: false,
    description: 'With enableTLS: accept any server certificate (testing only).',
  },
  clientCert: {
    type: 'string',
    description: 'With enableTLS: PEM client certificate presented to the server (with clientKey).',
  },
  clientKey: {
    type: 'string',
    sensitive: true,
    description: 'With enableTLS: PEM private key of clientCert.',
  },
  failover: {
    type: 'boolean',
    grammar: 'go',
    default: false,
    description:
      'Redis Sentinel: redisHost lists the sentinels, which name the current master of sentinelMasterName (node type only).',
  },
  sentinelMasterName: {
    type: 'string',
    description: 'The master name the sentinels watch; required with failover.',
  },
  sentinelUsername: { type: 'string', description: 'ACL user name on the sentinels.' },
  sentinelPassword: { type: 'string', sensitive: true, description: 'Password of the sentinels.' },
  redisMaxRetries: {
    type: 'integer',
    default: 3,
    aliases: ['maxRetries'],
    description: 'Times a command is retried over a new connection before it fails; -1 for none.',
  },
  redisMinRetryInterval: {
    type: 'duration',
    grammar: 'milliseconds',
    default: 8,
    description: 'First pause before reconnecting, doubled each attempt; -1 for none.',
  },
  redisMaxRetryInterval: {
    type: 'duration',
    grammar: 'milliseconds',
    default: 512,
    description: 'Longest pause between reconnection attempts; -1 for none.',
  },
  dialTimeout: {
    type: 'duration',
    grammar: 'milliseconds',
    default: 5000,
    description: 'Time allowed to connect.',
  },
  readTimeout: {
    type: 'duration',
    grammar: 'milliseconds',
    default: 3000,
    description:
      'Time allowed to read the answer of a command (0 is the default); -1 for no limit. A call fails with `context deadline exceeded` after writeTimeout + readTimeout.',
  },
  writeTimeout: {
    type: 'duration',
    grammar: 'milliseconds',
    description: 'Time allowed to send a command; readTimeout when absent or 0, -1 for no limit.',
  },
  poolSize: { type: 'integer', description: NO_POOL },
  poolTimeout: { type: 'duration', grammar: 'milliseconds', description: NO_POOL },
  minIdleConns: { type: 'integer', default: 0, description: NO_POOL },
  maxConnAge: { type: 'duration', grammar: 'milliseconds', description: NO_POOL },
  idleTimeout: { type: 'duration', grammar: 'milliseconds', default: 300_000, description: NO_POOL },
  idleCheckFrequency: { type: 'duration', grammar: 'milliseconds', default: 60_000, description: NO_POOL },
  useEntraID: {
    type: 'boolean',
    grammar: 'go',
    aliases: ['useAzureAD'],
    description: 'Microsoft Entra ID sign-in.',
    unsupported: CLOUD_IDENTITY,
  },
  useOIDC: {
    type: 'boolean',
    grammar: 'go',
    description: 'OIDC private_key_jwt sign-in.',
    unsupported: CLOUD_IDENTITY,
  },
});

export type RedisMetadata = MetadataValues<typeof redisFields>;

/** go-redis's read timeout when the setting is absent or 0. */
const DEFAULT_READ_TIMEOUT_MS = 3000;

/** readTimeout/writeTimeout as go-redis reads them: 0 is the default, negative is no limit. */
export function commandTimeoutMs(metadata: RedisMetadata): number {
  const read = metadata.readTimeout < 0 ? Infinity : metadata.readTimeout || DEFAULT_READ_TIMEOUT_MS;
  const writeSetting = metadata.writeTimeout ?? 0;
  const write = writeSetting < 0 ? Infinity : writeSetting || read;
  return read + write;
}

/** The addresses of redisHost, each with a port (redisPort, else 6379), as Dapr resolves them. */
export function redisAddresses(metadata: RedisMetadata): { host: string; port: number }[] {
  return metadata.redisHost.split(',').map((entry) => {
    const address = entry.trim();
    const match = /^\[([^\]]*)\]:(\d+)$|^([^:]*):(\d+)$/.exec(address);
    const ownPort = match === null ? undefined : Number(match[2] ?? match[4]);
    const host = match === null ? address.replace(/^\[(.*)\]$/, '$1') : (match[1] ?? match[3])!;
    if (ownPort !== undefined && metadata.redisPort !== undefined && metadata.redisPort !== ownPort)
      throw new Error(
        `redis host "${address}" already contains port ${ownPort}, but redisPort is set to ${metadata.redisPort}; either remove the port from redisHost or remove the redisPort setting`,
      );
    return { host: host || '127.0.0.1', port: ownPort ?? metadata.redisPort ?? 6379 };
  });
}

/** Pause before reconnection attempt `attempt` (1, 2, …): exponential between the two intervals. */
export function reconnectDelayMs(metadata: RedisMetadata, attempt: number): number {
  const min = Math.max(0, metadata.redisMinRetryInterval);
  const max = Math.max(0, metadata.redisMaxRetryInterval);
  return Math.min(min * 2 ** Math.min(attempt - 1, 30), max);
}

export type RedisConnection =
  | { readonly kind: 'node' | 'sentinel'; readonly options: RedisOptions }
  | {
      readonly kind: 'cluster';
      readonly nodes: { host: string; port: number }[];
      readonly options: ClusterOptions;
    };

/**
 * ioredis options for the setup the metadata describes: one node, a sentinel-managed master
 * (failover), or a cluster. `common` carries what the binding decides itself (queueing, retry).
 */
export function redisConnection(metadata: RedisMetadata, common: RedisOptions): RedisConnection {
  const addresses = redisAddresses(metadata);
  const tls = tlsOptions(metadata);
  const options: RedisOptions = {
    ...common,
    username: metadata.redisUsername,
    password: metadata.redisPassword,
    connectTimeout: metadata.dialTimeout,
    maxRetriesPerRequest: Math.max(0, metadata.redisMaxRetries),
    ...(tls === undefined ? {} : { tls }),
  };
  if (metadata.failover) {
    if (metadata.redisType === 'cluster')
      throw new Error(
        'failover with redisType cluster (a sentinel-managed cluster) is not supported by Bindery',
      );
    if (metadata.sentinelMasterName === undefined)
      throw new Error('sentinelMasterName is required when failover is true');
    return {
      kind: 'sentinel',
      options: {
        ...options,
        db: metadata.redisDB,
        sentinels: addresses,
        name: metadata.sentinelMasterName,
        sentinelUsername: metadata.sentinelUsername,
        sentinelPassword: metadata.sentinelPassword,
        ...(tls === undefined ? {} : { enableTLSForSentinelMode: true, sentinelTLS: tls }),
      },
    };
  }
  if (metadata.redisType === 'cluster')
    return { kind: 'cluster', nodes: addresses, options: { lazyConnect: true, redisOptions: options } };
  return { kind: 'node', options: { ...options, ...addresses[0]!, db: metadata.redisDB } };
}

/** TLS as Dapr sets it up: only with enableTLS; the client certificate only when both halves are set. */
function tlsOptions(metadata: RedisMetadata): RedisOptions['tls'] | undefined {
  if (!metadata.enableTLS) return undefined;
  const withCert =
    metadata.clientCert !== undefined && metadata.clientKey !== undefined
      ? { cert: metadata.clientCert, key: metadata.clientKey }
      : {};
  return { rejectUnauthorized: !metadata.insecureSkipTLSVerify, ...withCert };
}
