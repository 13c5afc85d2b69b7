import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { redisConnection, redisFields } from '../../src/components/bindings/redis/redis-metadata.js';
import { BindingsRuntime, ComponentLoadError } from '../../src/components/bindings-runtime.js';
import { parseMetadata } from '../../src/components/metadata-fields.js';
import { PrivateRedis } from '../support/private-redis.js';
import { silentLogger, uniqueKey } from './support.js';

const skip = await PrivateRedis.skip();

function metadata(properties: Record<string, string>) {
  const parsed = parseMetadata(redisFields, properties);
  return { ...parsed, connection: () => redisConnection(parsed.values, {}) };
}

describe('bindings.redis metadata as Dapr users write it', () => {
  test("Dapr's names and defaults: retries, retry intervals (bare integers are milliseconds), timeouts", () => {
    const { values, issues } = metadata({
      redisHost: 'cache:6380',
      redisMaxRetries: '5',
      redisMinRetryInterval: '10',
      redisMaxRetryInterval: '1s',
      readTimeout: '250',
      poolSize: '20',
    });
    assert.deepEqual(issues, []);
    assert.equal(values.redisMaxRetries, 5);
    assert.equal(values.redisMinRetryInterval, 10);
    assert.equal(values.redisMaxRetryInterval, 1000);
    assert.equal(values.readTimeout, 250);
    assert.equal(values.poolSize, 20);
    assert.equal(metadata({ redisHost: 'h' }).values.redisMinRetryInterval, 8);
    assert.equal(metadata({ redisHost: 'h' }).values.redisMaxRetryInterval, 512);
  });

  test("booleans decode as Dapr's strict redis decoder: `yes` is an error, `T` is true", () => {
    assert.deepEqual(
      metadata({ redisHost: 'h', enableTLS: 'yes' }).issues.map((i) => i.field),
      ['enableTLS'],
    );
    assert.equal(metadata({ redisHost: 'h', enableTLS: 'T' }).values.enableTLS, true);
  });

  test('redisPort applies to hosts without one and must agree with a port in redisHost', () => {
    const conn = metadata({ redisHost: 'a,b:7000', redisType: 'cluster', redisPort: '7000' }).connection();
    assert.equal(conn.kind, 'cluster');
    assert.deepEqual(conn.kind === 'cluster' ? conn.nodes : [], [
      { host: 'a', port: 7000 },
      { host: 'b', port: 7000 },
    ]);
    assert.throws(
      () => metadata({ redisHost: 'a:6380', redisPort: '6379' }).connection(),
      /already contains port 6380/,
    );
  });

  test('TLS: a client certificate and key, and insecureSkipTLSVerify, only with enableTLS', () => {
    const tls = metadata({
      redisHost: 'h',
      enableTLS: 'true',
      insecureSkipTLSVerify: 'true',
      clientCert: 'CERT',
      clientKey: 'KEY',
    }).connection();
    assert.deepEqual(tls.kind === 'cluster' ? undefined : tls.options.tls, {
      rejectUnauthorized: false,
      cert: 'CERT',
      key: 'KEY',
    });
    const plain = metadata({ redisHost: 'h', clientCert: 'CERT', clientKey: 'KEY' }).connection();
    assert.equal(plain.kind === 'cluster' ? 'cluster' : plain.options.tls, undefined);
  });

  test('failover reads redisHost as sentinels; a cluster behind sentinels and cloud sign-in are refused', () => {
    const sentinel = metadata({
      redisHost: 's1:26379,s2',
      failover: 'true',
      sentinelMasterName: 'mymaster',
      sentinelPassword: 'pw',
    }).connection();
    assert.equal(sentinel.kind, 'sentinel');
    assert.deepEqual(sentinel.kind === 'sentinel' ? sentinel.options.sentinels : [], [
      { host: 's1', port: 26379 },
      { host: 's2', port: 6379 },
    ]);
    assert.throws(
      () => metadata({ redisHost: 's', failover: 'true' }).connection(),
      /sentinelMasterName is required/,
    );
    assert.throws(
      () =>
        metadata({
          redisHost: 's',
          failover: 'true',
          sentinelMasterName: 'm',
          redisType: 'cluster',
        }).connection(),
      /not supported/,
    );
    assert.match(
      metadata({ redisHost: 'h', useEntraID: 'true' }).issues[0]?.message ?? '',
      /not supported by Bindery/,
    );
    assert.deepEqual(metadata({ redisHost: 'h', useEntraID: 'false' }).issues, []);
  });
});

describe('bindings.redis behind a private Redis Sentinel', { skip }, () => {
  let master: PrivateRedis;
  let sentinel: PrivateRedis;
  before(async () => {
    master = (await PrivateRedis.start())!;
    sentinel = (await PrivateRedis.startSentinel('bindery-master', master.port))!;
  });
  after(async () => {
    await sentinel?.stop();
    await master?.stop();
  });

  test('asks the sentinel for the master and writes there, instead of using the sentinel as a node', async () => {
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({
      name: 'ha',
      type: 'bindings.redis',
      metadata: { redisHost: sentinel.host, failover: 'true', sentinelMasterName: 'bindery-master' },
    });
    await runtime.start();
    const key = uniqueKey('bindery-sentinel');
    await runtime.invoke('ha', 'create', 'through the sentinel', { key });
    assert.equal((await runtime.invoke('ha', 'get', undefined, { key })).text(), 'through the sentinel');
    const direct = new Redis({ host: '127.0.0.1', port: master.port });
    assert.equal(await direct.get(key), 'through the sentinel');
    direct.disconnect();
    await runtime.close();
  });

  test('a master name the sentinel does not know fails start-up', async () => {
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({
      name: 'ha',
      type: 'bindings.redis',
      initTimeoutMs: 2000,
      metadata: {
        redisHost: sentinel.host,
        failover: 'true',
        sentinelMasterName: 'nobody',
        redisMaxRetries: '-1',
      },
    });
    await assert.rejects(runtime.start(), (error: unknown) => {
      assert.ok(error instanceof ComponentLoadError);
      assert.match(error.problems[0]!, /error connecting to redis/);
      return true;
    });
  });
});
