import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { freePort, PrivateRedis } from '../support/private-redis.js';
import { silentLogger, uniqueKey } from './support.js';

const skip = await PrivateRedis.skip();

/** A CA of the test's own, a server certificate and a client certificate it signed. */
function certificates(
  dir: string,
): Record<'ca' | 'serverCert' | 'serverKey' | 'clientCert' | 'clientKey', string> {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=bindery test CA',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
  );
  for (const name of ['server', 'client']) {
    ssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
    );
    ssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-out',
      `${name}.crt`,
    );
  }
  const at = (file: string) => join(dir, file);
  return {
    ca: at('ca.crt'),
    serverCert: at('server.crt'),
    serverKey: at('server.key'),
    clientCert: at('client.crt'),
    clientKey: at('client.key'),
  };
}

describe('bindings.redis over TLS with a client certificate, against a private redis-server', {
  skip,
}, () => {
  let redis: PrivateRedis;
  let dir: string;
  let tlsPort: number;
  let files: ReturnType<typeof certificates>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bindery-redis-tls-'));
    files = certificates(dir);
    tlsPort = await freePort();
    // The plain port stays for the start-up PING; the binding only uses the TLS port, which
    // demands a client certificate signed by the test's CA.
    const started = await PrivateRedis.start([
      '--tls-port',
      String(tlsPort),
      '--tls-cert-file',
      files.serverCert,
      '--tls-key-file',
      files.serverKey,
      '--tls-ca-cert-file',
      files.ca,
      '--tls-auth-clients',
      'yes',
    ]);
    redis = started!;
  });
  after(async () => {
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const runtimeWith = (metadata: Record<string, string>) => {
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({
      name: 'cache',
      type: 'bindings.redis',
      metadata: { redisHost: `127.0.0.1:${tlsPort}`, enableTLS: 'true', ...metadata },
    });
    return runtime;
  };

  test('enableTLS with clientCert and clientKey (PEM text) reaches the server and round-trips', async () => {
    const runtime = runtimeWith({
      insecureSkipTLSVerify: 'true',
      clientCert: readFileSync(files.clientCert, 'utf8'),
      clientKey: readFileSync(files.clientKey, 'utf8'),
    });
    await runtime.start();
    try {
      const key = uniqueKey('tls');
      await runtime.invoke('cache', 'create', { over: 'tls' }, { key });
      assert.deepEqual((await runtime.invoke('cache', 'get', undefined, { key })).json(), { over: 'tls' });
      await runtime.invoke('cache', 'delete', undefined, { key });
    } finally {
      await runtime.close();
    }
  });

  test('without the client certificate the server refuses the handshake and start-up fails', async () => {
    const runtime = runtimeWith({ insecureSkipTLSVerify: 'true', redisMaxRetries: '0' });
    await assert.rejects(
      runtime.start(),
      /error connecting to redis at 127\.0\.0\.1:\d+: .*(ECONNRESET|certificate|alert)/,
    );
    await runtime.close();
  });

  test('without insecureSkipTLSVerify a server certificate from an unknown CA is refused', async () => {
    const runtime = runtimeWith({
      redisMaxRetries: '0',
      clientCert: readFileSync(files.clientCert, 'utf8'),
      clientKey: readFileSync(files.clientKey, 'utf8'),
    });
    await assert.rejects(
      runtime.start(),
      /error connecting to redis at 127\.0\.0\.1:\d+: self-signed certificate/,
    );
    await runtime.close();
  });
});
