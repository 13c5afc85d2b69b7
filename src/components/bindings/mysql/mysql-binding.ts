import { readFile } from 'node:fs/promises';
import type { Pool, PoolConnection, PoolOptions, ResultSetHeader } from 'mysql2/promise';
import type {
  ComponentContext,
  InvokeRequest,
  InvokeResponse,
  OutputBinding,
} from '../../binding-component.js';
import { defineBindingType } from '../../binding-component.js';
import { toBytes } from '../../binding-data.js';
import { loadDriver } from '../../driver-loader.js';
import { formatGoDuration, formatRfc3339Nano, nowNanos } from '../../go-time.js';
import { defineMetadata, type MetadataValues } from '../../metadata-fields.js';
import { type GoDsn, parseGoDsn } from './go-dsn.js';
import { castValue } from './row-values.js';

export const mysqlOperations = ['exec', 'query', 'close'] as const;
export type MysqlOperation = (typeof mysqlOperations)[number];

const fields = defineMetadata({
  url: {
    type: 'string',
    required: true,
    sensitive: true,
    description: 'Go DSN: `user:password@tcp(host:3306)/dbname?param=value` (`tls=custom` with `pemPath`).',
  },
  pemPath: { type: 'string', description: 'Path of a PEM CA file: connect with TLS trusting it.' },
  maxIdleConns: { type: 'integer', description: 'Idle connections kept in the pool (greater than 0).' },
  maxOpenConns: { type: 'integer', description: 'Open connections at most (greater than 0; 10 when unset).' },
  connMaxLifetime: {
    type: 'duration',
    description: 'Age after which a connection is replaced instead of reused.',
  },
  connMaxIdleTime: { type: 'duration', description: 'Idle time after which a pooled connection is closed.' },
});

type Metadata = MetadataValues<typeof fields>;

const EMPTY = new Uint8Array(0);

/** SQL on a MySQL or MariaDB server with Dapr's operations, metadata and texts (driver: mysql2). */
class MysqlBinding implements OutputBinding<MysqlOperation, Metadata> {
  private pool: Pool | undefined;
  private closed = false;
  private lifetimeMs: number | undefined;
  private readonly born = new WeakMap<object, number>();

  constructor(private readonly context: ComponentContext) {}

  async init(metadata: Metadata): Promise<void> {
    let dsn: GoDsn;
    try {
      dsn = parseGoDsn(metadata.url);
    } catch {
      throw new Error('illegal Data Source Name (DSN) specified by url');
    }
    const ca = metadata.pemPath === undefined ? undefined : await readPem(metadata.pemPath);
    const mysql = await loadDriver('bindings.mysql', 'mysql2', () => import('mysql2/promise'));
    this.lifetimeMs = positive(metadata.connMaxLifetime);
    const pool = mysql.createPool(poolOptions(dsn, metadata, ca));
    pool.pool.on('connection', (connection) => this.born.set(connection, Date.now()));
    this.pool = pool;
    try {
      const connection = await pool.getConnection();
      await connection.ping();
      connection.release();
    } catch (error) {
      throw new Error(`unable to ping the DB: ${mysqlErrorText(error)}`);
    }
  }

  operations(): readonly MysqlOperation[] {
    return mysqlOperations;
  }

  async invoke(request: InvokeRequest<MysqlOperation>): Promise<InvokeResponse | null> {
    // close succeeds even when already closed, as in Dapr.
    if (request.operation === 'close') {
      await this.close();
      return null;
    }
    if (this.closed || this.pool === undefined) throw new Error('component is closed');
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
    const connection = await this.connection();
    try {
      const [result] = await connection.query({ sql, values: params, typeCast: castValue });
      if (request.operation === 'exec') {
        metadata['rows-affected'] = String((result as ResultSetHeader).affectedRows ?? 0);
      } else {
        const rows = Array.isArray(result) ? (result as Record<string, unknown>[]) : [];
        // Dapr marshals a nil slice for no rows: `null`. NULL columns are left out of a row.
        data = toBytes(JSON.stringify(rows.length === 0 ? null : rows.map(withoutNulls)));
      }
    } catch (error) {
      throw new Error(`error executing query: ${mysqlErrorText(error)}`);
    } finally {
      connection.release();
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

  /** A pooled connection younger than `connMaxLifetime`; older ones are closed on the way. */
  private async connection(): Promise<PoolConnection> {
    const pool = this.pool!;
    for (;;) {
      const connection = await pool.getConnection();
      const born = this.born.get(connection.connection) ?? Date.now();
      if (this.lifetimeMs === undefined || Date.now() - born < this.lifetimeMs) return connection;
      this.context.logger.debug('mysql connection past connMaxLifetime: replaced');
      connection.destroy();
    }
  }
}

function poolOptions(dsn: GoDsn, metadata: Metadata, ca: string | undefined): PoolOptions {
  const p = dsn.params;
  const tls = p.tls ?? (ca === undefined ? undefined : 'custom');
  const ssl =
    tls === undefined || tls === 'false'
      ? undefined
      : tls === 'skip-verify' || tls === 'preferred'
        ? { rejectUnauthorized: false }
        : { rejectUnauthorized: true, ...(ca === undefined ? {} : { ca }) };
  const idle = positive(metadata.connMaxIdleTime);
  return {
    host: dsn.host,
    port: dsn.port,
    ...(dsn.socketPath === undefined ? {} : { socketPath: dsn.socketPath }),
    user: dsn.user,
    password: dsn.password,
    database: dsn.database,
    ...(p.charset === undefined ? {} : { charset: p.charset.split(',')[0]! }),
    ...(p.timeout === undefined ? {} : { connectTimeout: durationMs(p.timeout) }),
    ...(ssl === undefined ? {} : { ssl }),
    multipleStatements: p.multiStatements === 'true',
    timezone: 'Z',
    connectionLimit: positive(metadata.maxOpenConns) ?? 10,
    ...(positive(metadata.maxIdleConns) === undefined ? {} : { maxIdle: metadata.maxIdleConns }),
    ...(idle === undefined ? {} : { idleTimeout: idle }),
  };
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}

/** A DSN duration parameter (`5s`, `500ms`), in milliseconds. */
function durationMs(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text);
  if (match === null) return 10_000;
  const n = Number(match[1]);
  return match[2] === 'ms' ? n : match[2] === 'm' ? n * 60_000 : n * 1000;
}

async function readPem(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`error reading PEM file from ${path}: ${(error as Error).message}`);
  }
}

function withoutNulls(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (value !== null && value !== undefined) out[key] = value;
  return out;
}

function parseParams(text: string | undefined): unknown[] {
  if (text === undefined || text === '') return [];
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

/** A server error the way Go's driver prints it: `Error 1146 (42S02): Table 'test.x' doesn't exist`. */
function mysqlErrorText(error: unknown): string {
  const e = error as { errno?: number; sqlState?: string; sqlMessage?: string; message?: string };
  if (e.errno !== undefined && e.sqlMessage !== undefined)
    return `Error ${e.errno}${e.sqlState === undefined ? '' : ` (${e.sqlState})`}: ${e.sqlMessage}`;
  return e.message ?? String(error);
}

/** `bindings.mysql`: SQL against a MySQL or MariaDB server. */
export const mysqlBinding = defineBindingType({
  type: 'bindings.mysql',
  description: 'Runs SQL on a MySQL or MariaDB server: exec (rows affected), query (rows as objects), close.',
  operations: mysqlOperations,
  metadata: fields,
  create: (context) => new MysqlBinding(context),
});
