import type { Pool, PoolConfig } from 'pg';
import { abortable } from '../../abortable.js';
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
    description: 'Time allowed to connect and ping at start-up (e.g. 20s).',
  },
  maxConns: { type: 'integer', description: 'Largest number of pooled connections (default 10).' },
});

type Metadata = MetadataValues<typeof fields>;

const EMPTY = new Uint8Array(0);

class PostgresqlBinding implements OutputBinding<PostgresqlOperation, Metadata> {
  private pool: Pool | undefined;
  private types: ReturnType<typeof rawTypes> | undefined;
  private closed = false;

  constructor(private readonly context: ComponentContext) {}

  async init(metadata: Metadata): Promise<void> {
    const base = configFrom(metadata);
    const { default: pg } = await import('pg');
    this.types = rawTypes(pg.types);
    const pool = new pg.Pool({
      ...base,
      max: metadata.maxConns ?? 10,
      connectionTimeoutMillis: metadata.timeout,
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
      const result = await pool.query({ text: sql, values: params, rowMode: 'array', types: this.types });
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
    await abortable(pool.query('SELECT 1'), signal);
  }
}

/** The connection string's settings, with each separately given field on top. */
function configFrom(metadata: Metadata): PoolConfig {
  if (metadata.connectionString === undefined && metadata.host === undefined) {
    throw new Error('missing connection string: set connectionString (or url), or host');
  }
  const config: PoolConfig =
    metadata.connectionString === undefined ? { port: 5432 } : connectionConfig(metadata.connectionString);
  const { host, port, database, user, password } = metadata;
  return {
    ...config,
    ...(host === undefined ? {} : { host }),
    ...(port === undefined ? {} : { port }),
    ...(database === undefined ? {} : { database }),
    ...(user === undefined ? {} : { user }),
    ...(password === undefined ? {} : { password }),
  };
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
