import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Pool, PoolClient, PoolConfig, QueryArrayConfig } from 'pg';
import { loadOptionalPeer } from '../../../http/optional-peer.js';
import type {
  ComponentContext,
  InvokeRequest,
  InvokeResponse,
  OutputBinding,
} from '../../binding-component.js';
import { defineBindingType } from '../../binding-component.js';
import { toBytes } from '../../binding-data.js';
import { formatGoDuration, formatRfc3339Nano, nowNanos } from '../../go-time.js';
import { defineMetadata, type MetadataValues } from '../../metadata-fields.js';
import { connectionConfig } from './connection-config.js';
import { rawTypes, rowsToJson } from './row-json.js';

export const postgresqlOperations = ['exec', 'query', 'close'] as const;
export type PostgresqlOperation = (typeof postgresqlOperations)[number];

const fields = defineMetadata({
  connectionString: {
    type: 'string',
    sensitive: true,
    aliases: ['url'],
    description:
      'URL (postgres://user:pass@host:5432/db) or key=value pairs; or give host, port, database, user, password.',
  },
  host: { type: 'string', description: 'Server host (overrides the connection string).' },
  hostaddr: {
    type: 'string',
    description:
      'IP address to connect to without a name lookup (overrides the connection string); host, when given, still names the server for TLS.',
  },
  port: { type: 'integer', description: 'Server port (overrides the connection string; 5432 by default).' },
  database: { type: 'string', description: 'Database name (overrides the connection string).' },
  user: { type: 'string', description: 'User name (overrides the connection string).' },
  password: {
    type: 'string',
    sensitive: true,
    description:
      'Password (overrides the connection string; keeps it out of it, e.g. through a secretKeyRef).',
  },
  timeout: {
    type: 'duration',
    default: 20_000,
    description:
      'Time allowed for each database operation (e.g. 20s): connecting and pinging at start-up, and every exec or query; past it the query is cancelled on the server.',
  },
  maxConns: {
    type: 'integer',
    default: 0,
    description:
      'Largest number of pooled connections; 0 or less for the greater of 4 and the number of CPUs.',
  },
  connectionMaxIdleTime: {
    type: 'duration',
    description: "Time an unused pooled connection stays open; node-postgres's 10s when absent.",
  },
  sslRootCert: {
    type: 'string',
    description:
      'Path of a PEM file of the CA that signed the server certificate: TLS is used and the certificate checked against it (unless sslmode=disable).',
  },
  queryExecMode: {
    type: 'string',
    oneOf: ['cache_statement', 'cache_describe', 'describe_exec', 'exec', 'simple_protocol'],
    description:
      'How pgx prepares statements. Accepted for Dapr compatibility: Bindery always sends unnamed statements, which is safe behind PgBouncer in every mode.',
  },
  useAzureAD: {
    type: 'boolean',
    description: 'Microsoft Entra ID sign-in.',
    unsupported: 'give a password in the connection string or the password field instead',
  },
  useAWSIAM: {
    type: 'boolean',
    description: 'AWS IAM sign-in.',
    unsupported: 'give a password in the connection string or the password field instead',
  },
});

type Metadata = MetadataValues<typeof fields>;

const EMPTY = new Uint8Array(0);

type PgModule = typeof import('pg').default;

class PostgresqlBinding implements OutputBinding<PostgresqlOperation, Metadata> {
  private pool: Pool | undefined;
  private pg: PgModule | undefined;
  private config: PoolConfig = {};
  private types: ReturnType<typeof rawTypes> | undefined;
  private timeoutMs = 0;
  private closed = false;

  constructor(private readonly context: ComponentContext) {}

  async init(metadata: Metadata): Promise<void> {
    const base = await configFrom(metadata);
    const { default: pg } = await loadOptionalPeer(
      { name: 'pg', usedBy: `postgresql binding "${this.context.name}"` },
      () => import('pg'),
    );
    this.pg = pg;
    this.config = { ...base, connectionTimeoutMillis: metadata.timeout };
    this.timeoutMs = metadata.timeout;
    this.types = rawTypes(pg.types);
    const pool = new pg.Pool({
      ...base,
      // Dapr's pool size when maxConns is not positive: the greater of 4 and the CPU count.
      max: metadata.maxConns > 0 ? metadata.maxConns : Math.max(4, availableParallelism()),
      connectionTimeoutMillis: metadata.timeout,
      ...(metadata.connectionMaxIdleTime === undefined
        ? {}
        : { idleTimeoutMillis: metadata.connectionMaxIdleTime }),
    });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', (error) =>
      this.context.logger.warn({ err: error }, 'idle postgresql connection failed'),
    );
    this.pool = pool;
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      throw new Error(`failed to ping the DB: ${pgErrorText(error)}`);
    }
  }

  operations(): readonly PostgresqlOperation[] {
    return postgresqlOperations;
  }

  callTimeout(): number {
    return this.timeoutMs;
  }

  async invoke(request: InvokeRequest<PostgresqlOperation>): Promise<InvokeResponse | null> {
    // close succeeds even when already closed, as in Dapr.
    if (request.operation === 'close') {
      await this.close();
      return null;
    }
    const pool = this.pool;
    if (this.closed || pool === undefined) throw new Error('component is closed');
    const sql = request.metadata.sql ?? '';
    if (sql === '') throw new Error('required metadata not set: sql');
    const params = parseParams(request.metadata.params);

    const start = nowNanos();
    const metadata: Record<string, string> = {
      operation: request.operation,
      sql,
      'start-time': formatRfc3339Nano(start),
    };
    let data: Uint8Array = EMPTY;
    try {
      const result = await this.query(pool, request.signal, {
        text: sql,
        values: params,
        rowMode: 'array',
        ...(this.types === undefined ? {} : { types: this.types }),
      });
      if (request.operation === 'exec') {
        metadata['rows-affected'] = String(result.rowCount ?? 0);
      } else {
        data = toBytes(
          rowsToJson(
            result.rows as unknown[][],
            result.fields.map((f) => f.dataTypeID),
          ),
        );
      }
    } catch (error) {
      throw new Error(`error executing query: ${pgErrorText(error)}`);
    }
    const end = nowNanos();
    metadata['end-time'] = formatRfc3339Nano(end);
    metadata.duration = formatGoDuration(end - start);
    return { data, metadata };
  }

  /**
   * One query on a connection of its own, so that when the call's signal aborts the server can
   * be told to stop exactly that query (`pg_cancel_backend`) and the connection is not reused.
   */
  private async query(pool: Pool, signal: AbortSignal, config: QueryArrayConfig) {
    signal.throwIfAborted();
    const client = await pool.connect();
    if (signal.aborted) {
      client.release();
      signal.throwIfAborted();
    }
    const onAbort = () => void this.cancelBackend(client);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await client.query(config);
    } finally {
      signal.removeEventListener('abort', onAbort);
      client.release(signal.aborted ? true : undefined);
    }
  }

  /** Asks the server to cancel the query a pooled connection is running, from a separate connection. */
  private async cancelBackend(client: PoolClient): Promise<void> {
    const pid = (client as unknown as { processID?: number }).processID;
    if (this.pg === undefined || pid === undefined) return;
    const canceller = new this.pg.Client(this.config);
    try {
      await canceller.connect();
      await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
      this.context.logger.warn({ pid }, 'postgresql query outlived its deadline; cancelled on the server');
    } catch (error) {
      this.context.logger.warn({ err: error, pid }, 'could not cancel a postgresql query past its deadline');
    } finally {
      await canceller.end().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }

  async ping(signal: AbortSignal): Promise<void> {
    const pool = this.pool;
    if (this.closed || pool === undefined) throw new Error('component is closed');
    await this.query(pool, signal, { text: 'SELECT 1', rowMode: 'array' });
  }
}

/** The connection string's settings, with each separately given field on top. */
async function configFrom(metadata: Metadata): Promise<PoolConfig> {
  if (
    metadata.connectionString === undefined &&
    metadata.host === undefined &&
    metadata.hostaddr === undefined
  ) {
    throw new Error('missing connection string: set connectionString (or url), or host');
  }
  const config: PoolConfig =
    metadata.connectionString === undefined ? { port: 5432 } : connectionConfig(metadata.connectionString);
  const { host, hostaddr, port, database, user, password, sslRootCert } = metadata;
  const merged: PoolConfig = {
    ...config,
    ...(host === undefined ? {} : { host }),
    ...(port === undefined ? {} : { port }),
    ...(database === undefined ? {} : { database }),
    ...(user === undefined ? {} : { user }),
    ...(password === undefined ? {} : { password }),
  };
  // As libpq: hostaddr is where to connect, host (when set) the name the certificate must carry.
  const serverName = merged.host;
  if (hostaddr !== undefined) merged.host = hostaddr;
  if (sslRootCert !== undefined && merged.ssl !== false) {
    let ca: string;
    try {
      ca = await readFile(sslRootCert, 'utf8');
    } catch (error) {
      throw new Error(
        `cannot read sslRootCert ${sslRootCert}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    merged.ssl = { ...(typeof merged.ssl === 'object' ? merged.ssl : {}), ca, rejectUnauthorized: true };
  }
  if (hostaddr !== undefined && serverName !== undefined && typeof merged.ssl === 'object')
    merged.ssl = { ...merged.ssl, servername: serverName };
  return merged;
}

function parseParams(text: string | undefined): unknown[] | undefined {
  if (text === undefined || text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `invalid metadata property params: failed to unserialize into an array: ${(error as Error).message}`,
    );
  }
  if (!Array.isArray(parsed)) {
    throw new Error(
      'invalid metadata property params: failed to unserialize into an array: the value is not a JSON array',
    );
  }
  return parsed;
}

/** A server error the way pgx prints it: `ERROR: relation "x" does not exist (SQLSTATE 42P01)`. */
function pgErrorText(error: unknown): string {
  const e = error as { message?: string; severity?: string; code?: string };
  if (e.severity !== undefined && e.code !== undefined)
    return `${e.severity}: ${e.message} (SQLSTATE ${e.code})`;
  return e.message ?? String(error);
}

/** `bindings.postgresql` (also `bindings.postgres`): SQL against a PostgreSQL server. */
export const postgresqlBinding = defineBindingType({
  type: 'bindings.postgresql',
  aliases: ['bindings.postgres'],
  description: 'Runs SQL on a PostgreSQL server: exec (rows affected), query (rows as arrays), close.',
  operations: postgresqlOperations,
  metadata: fields,
  create: (context) => new PostgresqlBinding(context),
});
