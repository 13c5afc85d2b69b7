import type { Cluster, Redis } from 'ioredis';
import { abortable } from '../../abortable.js';
import type {
  ComponentContext,
  InvokeRequest,
  InvokeResponse,
  OutputBinding,
} from '../../binding-component.js';
import { defineBindingType } from '../../binding-component.js';
import { defineMetadata, type MetadataValues } from '../../metadata-fields.js';
import { parseGoDuration } from '../../metadata-values.js';

export const redisOperations = ['create', 'get', 'delete', 'increment'] as const;
export type RedisOperation = (typeof redisOperations)[number];

const fields = defineMetadata({
  redisHost: {
    type: 'string',
    required: true,
    description: 'host:port of the server (comma-separated nodes when redisType is cluster).',
  },
  redisUsername: { type: 'string', description: 'ACL user name (Redis 6+).' },
  redisPassword: { type: 'string', sensitive: true, description: 'Password of the server or ACL user.' },
  redisDB: { type: 'integer', default: 0, description: 'Database number (standalone servers only).' },
  enableTLS: { type: 'boolean', default: false, description: 'Connect with TLS.' },
  redisType: {
    type: 'string',
    default: 'node',
    oneOf: ['node', 'cluster'],
    description: '`node` or `cluster`.',
  },
  dialTimeout: { type: 'duration', default: 5000, description: 'Time allowed to connect (e.g. 5s).' },
  maxRetries: { type: 'integer', default: 3, description: 'Retries of a command before it fails.' },
});

type Metadata = MetadataValues<typeof fields>;
type Client = Redis | Cluster;

const EMPTY = new Uint8Array(0);

class RedisBinding implements OutputBinding<RedisOperation, Metadata> {
  private client: Client | undefined;

  constructor(private readonly context: ComponentContext) {}

  async init(metadata: Metadata): Promise<void> {
    // Loaded on first use so apps without Redis never pay for the client.
    const { Redis, Cluster } = await import('ioredis');
    const common = {
      username: metadata.redisUsername,
      password: metadata.redisPassword,
      connectTimeout: metadata.dialTimeout,
      maxRetriesPerRequest: metadata.maxRetries,
      lazyConnect: true,
      ...(metadata.enableTLS ? { tls: {} } : {}),
    };
    const nodes = metadata.redisHost.split(',').map((hostPort) => parseHostPort(hostPort.trim()));
    this.client =
      metadata.redisType === 'cluster'
        ? new Cluster(nodes, { lazyConnect: true, redisOptions: common })
        : new Redis({ ...common, ...nodes[0]!, db: metadata.redisDB });
    // Without a listener ioredis reports reconnect failures on stderr; the log is the place.
    this.client.on('error', (error: Error) =>
      this.context.logger.debug({ err: error }, 'redis connection error'),
    );
    try {
      await this.client.connect();
      await this.client.ping();
    } catch (error) {
      throw new Error(
        `redis binding: error connecting to redis at ${metadata.redisHost}: ${(error as Error).message}`,
      );
    }
  }

  operations(): readonly RedisOperation[] {
    return redisOperations;
  }

  async invoke(request: InvokeRequest<RedisOperation>): Promise<InvokeResponse | null> {
    const client = this.client;
    if (client === undefined) throw new Error('redis binding: not initialized');
    const key = request.metadata.key;
    if (key === undefined || key === '') throw new Error('redis binding: missing key in request metadata');
    switch (request.operation) {
      case 'create':
        await client.set(
          key,
          Buffer.from(request.data.buffer, request.data.byteOffset, request.data.byteLength),
        );
        await expireIfRequested(client, request.metadata, key);
        return null;
      case 'get': {
        const value =
          request.metadata.delete === 'true' ? await client.getdelBuffer(key) : await client.getBuffer(key);
        // A missing key is an empty answer, not nothing: Dapr's HTTP API answers 200, not 204.
        return { data: value === null ? EMPTY : new Uint8Array(value), metadata: {} };
      }
      case 'delete':
        await client.del(key);
        return null;
      case 'increment':
        await client.incr(key);
        await expireIfRequested(client, request.metadata, key);
        return null;
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) return;
    await client.quit().catch(() => client.disconnect());
  }

  async ping(signal: AbortSignal): Promise<void> {
    const client = this.client;
    if (client === undefined) throw new Error('redis binding: not initialized');
    await abortable(client.ping(), signal);
  }
}

/** `ttl` or `ttlInSeconds` (keys matched case-insensitively): a Go duration or whole seconds. */
async function expireIfRequested(
  client: Client,
  metadata: Readonly<Record<string, string>>,
  key: string,
): Promise<void> {
  const entry = Object.entries(metadata).find(([k, v]) => /^(ttl|ttlinseconds)$/i.test(k) && v !== '');
  if (entry === undefined) return;
  const value = entry[1];
  let ms = parseGoDuration(value);
  if (ms === undefined) {
    if (!/^[+-]?\d+$/.test(value.trim()))
      throw new Error(`ttl value must be a valid integer: actual is '${value}'`);
    ms = Number(value) * 1000;
  }
  // Dapr would EXPIRE with 0 (deleting the key at once) for `0s`; a TTL must be positive here.
  const seconds = Math.trunc(ms / 1000);
  if (seconds <= 0) throw new Error(`ttl value must be higher than zero: actual is '${value}'`);
  await client.expire(key, seconds);
}

function parseHostPort(value: string): { host: string; port: number } {
  const match = /^\[?([^\]]*?)\]?(?::(\d+))?$/.exec(value);
  return { host: match?.[1] || '127.0.0.1', port: Number(match?.[2] ?? 6379) };
}

/** `bindings.redis`: strings in a Redis server. */
export const redisBinding = defineBindingType({
  type: 'bindings.redis',
  description: 'Sets, gets, deletes and increments keys of a Redis server.',
  operations: redisOperations,
  metadata: fields,
  create: (context) => new RedisBinding(context),
});
