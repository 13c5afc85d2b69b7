import type { PoolConfig } from 'pg';

/**
 * A pg pool configuration from Dapr's connection string, which may be a URL
 * (`postgres://user:pass@host:5432/db?sslmode=disable`) or libpq key/value pairs
 * (`host=localhost user=postgres password='a b' port=5432 database=orders`).
 */
export function connectionConfig(connectionString: string): PoolConfig {
  const text = connectionString.trim();
  const pairs = /^postgres(ql)?:\/\//i.test(text) ? urlPairs(text) : parseKeyValues(text);
  const config: PoolConfig = {};
  for (const [key, value] of pairs) {
    switch (key) {
      case 'host':
        config.host = value;
        break;
      case 'port':
        config.port = Number(value);
        break;
      case 'user':
        config.user = value;
        break;
      case 'password':
        config.password = value;
        break;
      case 'dbname':
      case 'database':
        config.database = value;
        break;
      case 'connect_timeout':
        config.connectionTimeoutMillis = Number(value) * 1000;
        break;
      case 'application_name':
        config.application_name = value;
        break;
      case 'sslmode':
        if (value !== 'disable' && value !== 'allow' && value !== 'prefer') {
          config.ssl = value === 'require' ? { rejectUnauthorized: false } : true;
        }
        break;
      default:
        // Pool sizing keys (pool_max_conns…) and other pgx options have their own fields here.
        break;
    }
  }
  return config;
}

/** A URL as the same key/value pairs, so both forms share one reading (and fields can override). */
function urlPairs(text: string): [string, string][] {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The text may hold a password, so the message never repeats it.
    throw new Error('the connection string is not a valid postgres:// URL');
  }
  const pairs: [string, string][] = [];
  if (url.hostname !== '') pairs.push(['host', decodeURIComponent(url.hostname).replace(/^\[|\]$/g, '')]);
  if (url.port !== '') pairs.push(['port', url.port]);
  if (url.username !== '') pairs.push(['user', decodeURIComponent(url.username)]);
  if (url.password !== '') pairs.push(['password', decodeURIComponent(url.password)]);
  if (url.pathname.length > 1) pairs.push(['dbname', decodeURIComponent(url.pathname.slice(1))]);
  for (const [key, value] of url.searchParams) pairs.push([key.toLowerCase(), value]);
  return pairs;
}

function parseKeyValues(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  const pattern = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:'((?:\\.|[^'\\])*)'|(\S*))/y;
  let position = 0;
  for (;;) {
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (match === null) break;
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
    pairs.push([match[1]!.toLowerCase(), value]);
    position = pattern.lastIndex;
  }
  // The text may hold a password, so the message gives a position, never the text.
  if (text.slice(position).trim() !== '')
    throw new Error(`cannot parse the connection string at character ${position + 1}`);
  return pairs;
}
