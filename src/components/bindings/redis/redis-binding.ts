import type { Cluster, Redis } from 'ioredis';
import { loadOptionalPeer } from '../../../http/optional-peer.js';
import type {
  ComponentContext,
  InvokeRequest,
  InvokeResponse,
  OutputBinding,
} from '../../binding-component.js';
import { defineBindingType } from '../../binding-component.js';
import { parseGoDuration } from '../../metadata-values.js';
import {
  commandTimeoutMs,
  type RedisMetadata,
  reconnectDelayMs,
  redisConnection,
  redisFields,
} from './redis-metadata.js';

/** In the order Dapr's component lists them, which is the order its "supported operations" error names them. */
export const redisOperations = ['create', 'delete', 'get', 'increment'] as const;
export type RedisOperation = (typeof redisOperations)[number];

type Metadata = RedisMetadata;
type Client = Redis | Cluster;

const EMPTY = new Uint8Array(0);

class RedisBinding implements OutputBinding<RedisOperation, Metadata> {
  private client: Client | undefined;
  private host = '';
  private timeoutMs = Number.POSITIVE_INFINITY;

  constructor(private readonly context: ComponentContext) {}

  async init(metadata: Metadata): Promise<void> {
    this.timeoutMs = commandTimeoutMs(metadata);
    this.host = metadata.redisHost;
    // Loaded on first use so apps without Redis never install or load the client.
    const { Redis, Cluster } = await loadOptionalPeer(
      { name: 'ioredis', usedBy: `redis binding "${this.context.name}"` },
      () => import('ioredis'),
    );
    const connection = redisConnection(metadata, {
      lazyConnect: true,
      // While the server is unreachable a command fails at once instead of waiting in a queue,
      // and a command whose caller gave up is never sent again after a reconnect: work nobody
      // waits for any more is not done later.
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      retryStrategy: (attempt: number) => reconnectDelayMs(metadata, attempt),
    });
    let connected = false;
    this.client =
      connection.kind === 'cluster'
        ? new Cluster(connection.nodes, connection.options)
        : new Redis({
            ...connection.options,
            // Until the first connection, a sentinel that does not name the master fails init at
            // once, as go-redis does; afterwards a lost master is looked up again and again.
            sentinelRetryStrategy: (attempt: number) =>
              connected ? reconnectDelayMs(metadata, attempt) || 10 : null,
          });
    // Without a listener ioredis reports reconnect failures on stderr; the log is the place.
    // The last one also names why a first connection failed (a refused TLS handshake, say),
    // where ioredis itself only says the connection closed.
    let lastError: Error | undefined;
    this.client.on('error', (error: Error) => {
      lastError = error;
      this.context.logger.debug({ err: error }, 'redis connection error');
    });
    try {
      await this.client.connect();
      await this.client.ping();
      connected = true;
    } catch (error) {
      throw new Error(
        `redis binding: error connecting to redis at ${metadata.redisHost}: ${reasonOf(error, lastError)}`,
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

type Run = <T>(command: (c: Client) => Promise<T>) => Promise<T>;

/**
 * Dapr's TryGetTTL: `ttl`, else `ttlInSeconds` (keys matched case-insensitively), as a Go
 * duration or else whole seconds. The key expires after the whole seconds of it, so `500ms` or
 * a negative duration expire it at once, as with Dapr.
 */
async function expireIfRequested(
  run: Run,
  metadata: Readonly<Record<string, string>>,
  key: string,
): Promise<void> {
  const value = ttlValue(metadata);
  if (value === undefined || value === '') return;
  let ms = parseGoDuration(value);
  if (ms === undefined) {
    if (!/^[+-]?\d+$/.test(value)) throw new Error(`ttl value must be a valid integer: actual is '${value}'`);
    const seconds = BigInt(value);
    if (seconds <= 0n) throw new Error(`ttl value must be higher than zero: actual is '${seconds}'`);
    ms = Number(seconds) * 1000;
  }
  const seconds = Math.max(0, Math.trunc(ms / 1000));
  await run((c) => c.expire(key, seconds));
}

/** The first of `ttl`, `ttlInSeconds` present in any case, even when empty (as Dapr looks it up). */
function ttlValue(metadata: Readonly<Record<string, string>>): string | undefined {
  for (const name of ['ttl', 'ttlinseconds']) {
    const entry = Object.entries(metadata).find(([k]) => k.toLowerCase() === name);
    if (entry !== undefined) return entry[1];
  }
  return undefined;
}

/** `bindings.redis`: strings in a Redis server. */
export const redisBinding = defineBindingType({
  type: 'bindings.redis',
  description: 'Sets, gets, deletes and increments keys of a Redis server.',
  operations: redisOperations,
  metadata: redisFields,
  create: (context) => new RedisBinding(context),
});

/** Why connecting failed: ioredis's own error, unless it only says the connection closed. */
function reasonOf(error: unknown, lastConnectionError: Error | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  return message === 'Connection is closed.' && lastConnectionError !== undefined
    ? lastConnectionError.message
    : message;
}
