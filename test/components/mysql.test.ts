import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseGoDsn } from '../../src/components/bindings/mysql/go-dsn.js';
import { mysqlBinding } from '../../src/components/bindings/mysql/index.js';
import { BindingsRuntime, ComponentLoadError } from '../../src/components/bindings-runtime.js';
import { serviceSkip } from '../support/services.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { conformance } from './conformance.js';
import { silentLogger } from './support.js';

const URL = 'root@tcp(127.0.0.1:3306)/test';
const skip = await serviceSkip('MariaDB', '127.0.0.1', 3306);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const GO_DURATION = /^\d+(\.\d+)?(ns|µs|ms|s)$|^\d+m[\d.]+s$/;

conformance({
  type: mysqlBinding,
  skip,
  metadata: () => ({ url: URL }),
  scenarios: (key) => {
    const table = key.replaceAll('-', '_');
    return [
      {
        name: 'sql is required; SQL errors read like the Go driver',
        steps: [
          { operation: 'exec', expect: { error: 'required metadata not set: sql' } },
          {
            operation: 'query',
            metadata: { sql: `SELECT * FROM ${table}_missing` },
            expect: {
              error: `error executing query: Error 1146 (42S02): Table 'test.${table}_missing' doesn't exist`,
            },
          },
          {
            operation: 'query',
            metadata: { sql: 'SELECT ?', params: '{"a":1}' },
            expect: { error: /^invalid metadata property params: failed to unserialize into an array/ },
          },
        ],
      },
      {
        name: 'exec and query with params, then close',
        steps: [
          {
            operation: 'exec',
            metadata: {
              sql: `CREATE TABLE ${table} (id int PRIMARY KEY, item varchar(20), price decimal(6,2), at datetime(6), note text, raw varbinary(4), doc json)`,
            },
            expect: { empty: true },
            responseMetadata: { operation: 'exec', 'rows-affected': '0' },
          },
          {
            operation: 'exec',
            metadata: {
              sql: `INSERT INTO ${table} (id, item, price, at, note, raw, doc) VALUES (?, ?, ?, ?, ?, UNHEX('CAFE'), '{"tags":["a"]}'), (2, 'pen', 1.50, NULL, NULL, NULL, NULL)`,
              params: '[1, "book", "12.30", "2024-05-01 10:20:30.123456", "hello"]',
            },
            expect: { empty: true },
            responseMetadata: {
              operation: 'exec',
              'rows-affected': '2',
              'start-time': RFC3339,
              'end-time': RFC3339,
              duration: GO_DURATION,
              sql: /^INSERT INTO/,
            },
          },
          {
            operation: 'query',
            metadata: { sql: `SELECT id, item, price, at, note, raw, doc FROM ${table} ORDER BY id` },
            expect: {
              json: [
                {
                  id: 1,
                  item: 'book',
                  price: 12.3,
                  at: '2024-05-01T10:20:30.123456Z',
                  note: 'hello',
                  raw: 'yv4=',
                  doc: { tags: ['a'] },
                },
                { id: 2, item: 'pen', price: 1.5 },
              ],
            },
            responseMetadata: { operation: 'query', duration: GO_DURATION },
          },
          {
            operation: 'query',
            metadata: { sql: `SELECT * FROM ${table} WHERE id = -1` },
            expect: { json: null },
          },
          { operation: 'exec', metadata: { sql: `DROP TABLE ${table}` }, expect: { empty: true } },
          { operation: 'close', expect: { nothing: true } },
          { operation: 'close', expect: { nothing: true } },
          { operation: 'query', metadata: { sql: 'SELECT 1' }, expect: { error: 'component is closed' } },
        ],
      },
    ];
  },
});

describe('bindings.mysql', () => {
  test('Go DSNs: credentials, network, address, database and parameters', () => {
    assert.deepEqual(parseGoDsn('user:p@ss:word@tcp(db.local:3307)/shop?tls=custom&timeout=5s'), {
      user: 'user',
      password: 'p@ss:word',
      host: 'db.local',
      port: 3307,
      socketPath: undefined,
      database: 'shop',
      params: { tls: 'custom', timeout: '5s' },
    });
    assert.equal(parseGoDsn('/test').host, '127.0.0.1');
    assert.equal(parseGoDsn('root@tcp([::1]:3306)/x').host, '::1');
    assert.equal(parseGoDsn('root@unix(/run/mysqld.sock)/x').socketPath, '/run/mysqld.sock');
    assert.throws(() => parseGoDsn('no-slash'));
    assert.throws(() => parseGoDsn('root@tcp(x:1/db'));
  });

  test("a DSN that does not parse is refused with Dapr's text", async () => {
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({ name: 'db', type: 'bindings.mysql', metadata: { url: 'not a dsn' } });
    const error = await runtime.start().catch((e: unknown) => e);
    assert.ok(error instanceof ComponentLoadError);
    assert.match(error.message, /init failed: illegal Data Source Name \(DSN\) specified by url/);
  });

  test('fault: a server unreachable at start-up fails start-up; a connection lost mid-stream is replaced', {
    skip,
  }, async () => {
    const proxy = new TcpProxy('127.0.0.1', 3306);
    const port = await proxy.start();
    await proxy.stop();
    const down = new BindingsRuntime({ logger: silentLogger() });
    down.add({ name: 'db', type: 'bindings.mysql', metadata: { url: `root@tcp(127.0.0.1:${port})/test` } });
    const error = await down.start().catch((e: unknown) => e);
    assert.ok(error instanceof ComponentLoadError);
    assert.match(error.message, /init failed: unable to ping the DB: .*ECONNREFUSED/);

    await proxy.start();
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({
      name: 'db',
      type: 'bindings.mysql',
      metadata: { url: `root@tcp(127.0.0.1:${port})/test`, maxOpenConns: '2' },
    });
    await runtime.start();
    try {
      assert.deepEqual((await runtime.invoke('db', 'query', undefined, { sql: 'SELECT 1 AS one' })).json(), [
        { one: 1 },
      ]);
      proxy.cut();
      await new Promise((r) => setTimeout(r, 100));
      // The pool drops the dead connection and opens a new one.
      let answer: unknown;
      for (let i = 0; i < 3 && answer === undefined; i++) {
        answer = await runtime.invoke('db', 'query', undefined, { sql: 'SELECT 2 AS two' }).then(
          (r) => r.json(),
          () => undefined,
        );
      }
      assert.deepEqual(answer, [{ two: 2 }]);
    } finally {
      await runtime.close();
      await proxy.stop();
    }
  });

  test('connMaxLifetime replaces old connections', { skip }, async () => {
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({
      name: 'db',
      type: 'bindings.mysql',
      metadata: { url: URL, maxOpenConns: '1', connMaxLifetime: '50ms' },
    });
    await runtime.start();
    const id = async () =>
      (await runtime.invoke('db', 'query', undefined, { sql: 'SELECT CONNECTION_ID() AS id' })).json<
        { id: number }[]
      >()[0]!.id;
    const first = await id();
    assert.equal(await id(), first, 'a young connection is reused');
    await new Promise((r) => setTimeout(r, 80));
    assert.notEqual(await id(), first, 'an old connection is replaced');
    await runtime.close();
  });
});
