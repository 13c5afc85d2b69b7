/** A Go MySQL DSN (`user:password@tcp(host:3306)/dbname?param=value`) read into its parts. */
export interface GoDsn {
  readonly user: string;
  readonly password: string;
  readonly host: string;
  readonly port: number;
  readonly socketPath: string | undefined;
  readonly database: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Parses the DSN format of go-sql-driver/mysql, which Dapr's `url` field uses:
 * `[user[:password]@][net[(addr)]]/dbname[?param1=value1&paramN=valueN]`. The password may
 * hold `@` and `:` (the last `@` before the `/` ends it); `tcp` defaults to 127.0.0.1:3306.
 */
export function parseGoDsn(dsn: string): GoDsn {
  const slash = dsn.lastIndexOf('/');
  if (slash === -1) throw new Error('invalid DSN: missing the slash separating the database name');
  const head = dsn.slice(0, slash);
  const tail = dsn.slice(slash + 1);
  const at = head.lastIndexOf('@');
  const credentials = at === -1 ? '' : head.slice(0, at);
  const address = at === -1 ? head : head.slice(at + 1);
  const colon = credentials.indexOf(':');
  const user = colon === -1 ? credentials : credentials.slice(0, colon);
  const password = colon === -1 ? '' : credentials.slice(colon + 1);

  let net = 'tcp';
  let addr = '';
  if (address !== '') {
    const open = address.indexOf('(');
    if (open === -1) net = address;
    else {
      if (!address.endsWith(')'))
        throw new Error('invalid DSN: network address not terminated (missing closing brace)');
      net = address.slice(0, open);
      addr = address.slice(open + 1, -1);
    }
  }
  const question = tail.indexOf('?');
  const database = decodeURIComponent(question === -1 ? tail : tail.slice(0, question));
  const params: Record<string, string> = {};
  if (question !== -1) {
    for (const pair of tail.slice(question + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      if (eq === -1) throw new Error(`invalid DSN: invalid parameter ${pair}`);
      params[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
    }
  }
  if (net === 'unix') {
    return { user, password, host: '', port: 0, socketPath: addr || '/tmp/mysql.sock', database, params };
  }
  if (net !== 'tcp' && net !== 'tcp4' && net !== 'tcp6')
    throw new Error(`invalid DSN: unknown network ${net}`);
  const { host, port } = hostPort(addr);
  return { user, password, host, port, socketPath: undefined, database, params };
}

function hostPort(addr: string): { host: string; port: number } {
  if (addr === '') return { host: '127.0.0.1', port: 3306 };
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(addr);
  if (bracket !== null) return { host: bracket[1]!, port: Number(bracket[2] ?? 3306) };
  const colon = addr.lastIndexOf(':');
  if (colon === -1) return { host: addr, port: 3306 };
  return { host: addr.slice(0, colon) || '127.0.0.1', port: Number(addr.slice(colon + 1)) };
}
