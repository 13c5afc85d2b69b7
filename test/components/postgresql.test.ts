import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connectionConfig } from '../../src/components/bindings/postgresql/connection-config.js';
import { postgresqlBinding } from '../../src/components/bindings/postgresql/index.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { serviceSkip } from '../support/services.js';
import { conformance } from './conformance.js';
import { silentLogger, uniqueKey } from './support.js';

const URL = 'postgres://postgres@127.0.0.1:5432/test';
const skip = await serviceSkip('PostgreSQL', '127.0.0.1', 5432);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const GO_DURATION = /^\d+(\.\d+)?(ns|µs|ms|s)$|^\d+m[\d.]+s$/;

conformance({
  type: postgresqlBinding,
  skip,
  metadata: () => ({ connectionString: URL }),
  // The scenario that ends with close runs last: it closes the pass's component.
  scenarios: (key) => [
    {
      name: 'sql is required; SQL errors read like pgx',
      steps: [
        { operation: 'exec', expect: { error: 'required metadata not set: sql' } },
        {
          operation: 'query',
          metadata: { sql: `SELECT * FROM ${key}_missing` },
          expect: {
            error: `error executing query: ERROR: relation "${key}_missing" does not exist (SQLSTATE 42P01)`,
          },
        },
        {
          operation: 'query',
          metadata: { sql: 'SELECT $1::int', params: '{"a":1}' },
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
            sql: `CREATE TABLE ${key} (id int PRIMARY KEY, item text, price numeric, at timestamptz)`,
          },
          expect: { empty: true },
          responseMetadata: { operation: 'exec', 'rows-affected': '0' },
        },
        {
          operation: 'exec',
          metadata: {
            sql: `INSERT INTO ${key} VALUES ($1, $2, $3, $4), (2, 'pen', 1.50, NULL)`,
            params: '[1, "book", "12.30", "2024-05-01T10:20:30.123456+02:00"]',
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
          metadata: { sql: `SELECT id, item, price, at FROM ${key} ORDER BY id` },
          expect: {
            json: [
              [1, 'book', 12.3, '2024-05-01T08:20:30.123456Z'],
              [2, 'pen', 1.5, null],
            ],
          },
          responseMetadata: { operation: 'query', duration: GO_DURATION },
        },
        { operation: 'query', metadata: { sql: `SELECT * FROM ${key} WHERE id = -1` }, expect: { json: [] } },
        { operation: 'exec', metadata: { sql: `DROP TABLE ${key}` }, expect: { empty: true } },
        { operation: 'close', expect: { nothing: true } },
        { operation: 'close', expect: { nothing: true } },
        { operation: 'exec', metadata: { sql: 'SELECT 1' }, expect: { error: 'component is closed' } },
      ],
    },
  ],
});

describe('bindings.postgresql', { skip }, () => {
  let runtime: BindingsRuntime;
  const table = uniqueKey('t').replaceAll('-', '_');
  before(async () => {
    runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({ name: 'db', type: 'bindings.postgres', metadata: { url: URL } });
    runtime.add({
      name: 'db-fields',
      type: 'bindings.postgresql',
      metadata: { host: '127.0.0.1', port: '5432', user: 'postgres', database: 'test', maxConns: '2' },
    });
    await runtime.start();
  });
  after(async () => {
    await runtime.invoke('db', 'exec', undefined, { sql: `DROP TABLE IF EXISTS ${table}` });
    await runtime.close();
  });

  test('the bindings.postgres alias, url alias and separate connection fields all work', async () => {
    // Fields override the connection string: here a wrong database name in it is corrected.
    const override = new BindingsRuntime({ logger: silentLogger() });
    override.add({
      name: 'o',
      type: 'bindings.postgresql',
      metadata: { connectionString: 'postgres://postgres@127.0.0.1:5432/wrong', database: 'test' },
    });
    await override.start();
    assert.deepEqual(
      (await override.invoke('o', 'query', undefined, { sql: 'SELECT current_database()' })).json(),
      [['test']],
    );
    await override.close();
    const viaFields = await runtime.invoke('db-fields', 'query', undefined, {
      sql: 'SELECT current_database()',
    });
    assert.deepEqual(viaFields.json(), [['test']]);
  });

  test('values come out as Go writes them: int8 and numeric as numbers, bytea as base64, json re-encoded', async () => {
    await runtime.invoke('db', 'exec', undefined, {
      sql: `CREATE TABLE ${table} (big int8, n numeric, b bytea, j jsonb, ok bool, d date, u uuid, f float8, tags text[])`,
    });
    await runtime.invoke('db', 'exec', undefined, {
      sql: `INSERT INTO ${table} VALUES (9007199254740993, 1e3, '\\x0001ff', '{"z":"<b>","a":[1.50,2]}', true, '2024-02-29', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 0.25, '{x,y}')`,
    });
    const result = await runtime.invoke('db', 'query', undefined, { sql: `SELECT * FROM ${table}` });
    assert.equal(
      result.text(),
      '[[9007199254740993,1000,"AAH/",{"a":[1.5,2],"z":"\\u003cb\\u003e"},true,"2024-02-29T00:00:00Z","a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",0.25,["x","y"]]]',
    );
  });

  test('key=value connection strings are understood', () => {
    assert.deepEqual(
      connectionConfig("host=db port=6543 user=app password='p w\\'d' dbname=orders sslmode=disable"),
      {
        host: 'db',
        port: 6543,
        user: 'app',
        password: "p w'd",
        database: 'orders',
      },
    );
    assert.throws(
      () => connectionConfig('host=db password=secret ???'),
      (e: Error) => !e.message.includes('secret'),
    );
    assert.deepEqual(
      connectionConfig('postgres://app:p%40ss@db.local:6543/orders?sslmode=require&application_name=shop'),
      {
        host: 'db.local',
        port: 6543,
        user: 'app',
        password: 'p@ss',
        database: 'orders',
        ssl: { rejectUnauthorized: false },
        application_name: 'shop',
      },
    );
  });

  test('an unreachable server fails start-up', async () => {
    const down = new BindingsRuntime({ logger: silentLogger() });
    down.add({
      name: 'down',
      type: 'bindings.postgresql',
      metadata: { connectionString: 'postgres://x@127.0.0.1:1/db' },
    });
    await assert.rejects(down.start(), /init failed: failed to ping the DB: /);
  });

  test("Dapr's hostaddr connects to that address; cloud sign-in and an unreadable sslRootCert stop the component", async () => {
    const viaAddress = new BindingsRuntime({ logger: silentLogger() });
    viaAddress.add({
      name: 'addr',
      type: 'bindings.postgresql',
      metadata: { host: 'db.invalid', hostaddr: '127.0.0.1', user: 'postgres', database: 'test' },
    });
    await viaAddress.start();
    const rows = await viaAddress.invoke('addr', 'query', undefined, { sql: 'SELECT 1' });
    assert.deepEqual(rows.json(), [[1]]);
    await viaAddress.close();

    const refused = new BindingsRuntime({ logger: silentLogger() });
    refused.add({
      name: 'az',
      type: 'bindings.postgresql',
      metadata: { connectionString: URL, useAzureAD: 'true' },
    });
    refused.add({
      name: 'ca',
      type: 'bindings.postgresql',
      metadata: { connectionString: URL, sslRootCert: '/nonexistent/ca.pem' },
    });
    await assert.rejects(refused.start(), (error: Error) => {
      assert.match(error.message, /"az".*metadata "useAzureAD" is not supported by Bindery/);
      assert.match(error.message, /"ca".*cannot read sslRootCert \/nonexistent\/ca.pem: ENOENT/);
      return true;
    });
  });
});
