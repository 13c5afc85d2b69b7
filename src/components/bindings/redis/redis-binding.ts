import type { Cluster, Redis } from 'ioredis';
import type {
  ComponentContext,
  InvokeRequest,
  InvokeResponse,
  OutputBinding,
} from '../../binding-component.js';
import { defineBindingType } from '../../binding-component.js';
import { defineMetadata, type MetadataValues } from '../../metadata-fields.js';
import { parseDurationMs, parseGoDuration } from '../../metadata-values.js';

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
  readTimeout: {
    type: 'string',
    default: '3s',
    description:
      'Time allowed to read the answer of a command (e.g. 3s); `-1` for no limit. A call fails with `context deadline exceeded` after writeTimeout + readTimeout.',
  },
  writeTimeout: {
    type: 'string',
    description: 'Time allowed to send a command (e.g. 3s); readTimeout when absent.',
  },
  maxRetries: { type: 'integer', default: 3, description: 'Retries of a command before it fails.' },
});

type Metadata = MetadataValues<typeof fields>;
type Client = Redis | Cluster;

const EMPTY = new Uint8Array(0);

/** The longest pause between reconnection attempts: a restarted server is used again within it. */
const MAX_RECONNECT_DELAY_MS = 1000;

class RedisBinding implements OutputBinding<RedisOperation, Metadata> {
  private client: Client | undefined;
  private host = '';
  private timeoutMs = Number.POSITIVE_INFINITY;

  constructor(private readonly context: ComponentContext) {}

  async init(metadata: Metadata): Promise<void> {
    const read = timeoutValue('readTimeout', metadata.readTimeout);
    const write =
      metadata.writeTimeout === undefined ? read : timeoutValue('writeTimeout', metadata.writeTimeout);
    this.timeoutMs = read + write;
    this.host = metadata.redisHost;
    // Loaded on first use so apps without Redis never pay for the client.
    const { Redis, Cluster } = await import('ioredis');
    const common = {
      username: metadata.redisUsername,
      password: metadata.redisPassword,
      connectTimeout: metadata.dialTimeout,
      maxRetriesPerRequest: metadata.maxRetries,
      lazyConnect: true,
      // While the server is unreachable a command fails at once instead of waiting in a queue,
      // and a command whose caller gave up is never sent again after a reconnect: work nobody
      // waits for any more is not done later.
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      retryStrategy: (attempt: number) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
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

  callTimeout(): number {
    return this.timeoutMs;
  }

  async invoke(request: InvokeRequest<RedisOperation>): Promise<InvokeResponse | null> {
    const client = this.client;
    if (client === undefined) throw new Error('redis binding: not initialized');
    const key = request.metadata.key;
    if (key === undefined || key === '') throw new Error('redis binding: missing key in request metadata');
    const { signal } = request;
    const run = <T>(command: (c: Client) => Promise<T>) => this.run(client, signal, command);
    switch (request.operation) {
      case 'create':
        await run((c) =>
          c.set(key, Buffer.from(request.data.buffer, request.data.byteOffset, request.data.byteLength)),
        );
        await expireIfRequested(run, request.metadata, key);
        return null;
      case 'get': {
        const value = await run((c) =>
          request.metadata.delete === 'true' ? c.getdelBuffer(key) : c.getBuffer(key),
        );
        // A missing key is an empty answer, not nothing: Dapr's HTTP API answers 200, not 204.
        return { data: value === null ? EMPTY : new Uint8Array(value), metadata: {} };
      }
      case 'delete':
        await run((c) => c.del(key));
        return null;
      case 'increment':
        await run((c) => c.incr(key));
        await expireIfRequested(run, request.metadata, key);
        return null;
    }
  }

  /**
   * One command under the call's signal. A command still unanswered when the signal aborts
   * wedges the connection (Redis answers in order, so everything behind it waits too): the
   * connection is dropped and a new one made, as go-redis discards a connection that timed out.
   */
  private async run<T>(client: Client, signal: AbortSignal, command: (c: Client) => Promise<T>): Promise<T> {
    signal.throwIfAborted();
    const onAbort = () => {
      if (client.status === 'ready' || client.status === 'connect') {
        this.context.logger.warn('redis command outlived its deadline; reconnecting');
        client.disconnect(true);
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await command(client);
    } catch (error) {
      // ioredis refuses a command while (re)connecting since nothing is queued; say so plainly.
      if (/enableOfflineQueue/.test((error as Error).message)) {
        throw new Error(`redis binding: no connection to redis at ${this.host} (${client.status})`);
      }
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
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
    await this.run(client, signal, (c) => c.ping());
  }
}

/** go-redis's read timeout when the setting is absent or 0. */
const DEFAULT_READ_TIMEOUT_MS = 3000;

/** `readTimeout`/`writeTimeout`: a duration (0 = the 3 s default), or `-1` (any negative) for no limit. */
function timeoutValue(field: string, text: string): number {
  if (/^\s*-\d+\s*$/.test(text)) return Number.POSITIVE_INFINITY;
  const ms = parseDurationMs(text);
  if (ms === undefined || ms < 0)
    throw new Error(`${field} ${JSON.stringify(text)} is not a duration (such as 3s or 500ms) or -1`);
  return ms === 0 ? DEFAULT_READ_TIMEOUT_MS : ms;
}

type Run = <T>(command: (c: Client) => Promise<T>) => Promise<T>;

/** `ttl` or `ttlInSeconds` (keys matched case-insensitively): a Go duration or whole seconds. */
async function expireIfRequested(
  run: Run,
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
  await run((c) => c.expire(key, seconds));
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
