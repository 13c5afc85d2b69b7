import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { type CliIo, parseSidecarArgs, runCli, type SidecarSettings } from '../../src/cli/index.js';
import { textLogDestination } from '../../src/cli/text-log.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bindery-daprd-'));
  await writeFile(
    join(dir, 'store.yaml'),
    `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: store
spec:
  type: bindings.localstorage
  version: v1
  metadata:
  - name: rootPath
    value: ${JSON.stringify(join(dir, 'data'))}
`,
  );
});
after(() => rm(dir, { recursive: true, force: true }));

function settings(args: string[]): SidecarSettings {
  const parsed = parseSidecarArgs(args);
  assert.ok(typeof parsed === 'object', `expected settings for ${args.join(' ')}`);
  return parsed;
}

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
}

describe("daprd's flags, as daprd reads them", () => {
  test("the self-hosted command line from Dapr's docs is accepted as written", () => {
    const s = settings([
      '--app-id',
      'myapp',
      '--app-port',
      '5000',
      '--app-protocol',
      'http',
      '--dapr-http-port',
      '3501',
      '--dapr-grpc-port',
      '50002',
      '--resources-path',
      './components',
      '--config',
      './config.yaml',
      '--log-level',
      'debug',
      '--enable-api-logging',
      '--metrics-port',
      '9091',
      '--placement-host-address',
      'localhost:50005',
    ]);
    assert.equal(s.appId, 'myapp');
    assert.deepEqual(s.app, {
      port: 5000,
      protocol: 'http',
      channelAddress: '127.0.0.1',
      maxConcurrency: -1,
    });
    assert.deepEqual([s.httpPort, s.grpcPort], [3501, 50002]);
    assert.deepEqual(s.resourcesPaths, ['./components']);
    assert.deepEqual(s.configPaths, ['./config.yaml']);
    assert.equal(s.logLevel, 'debug');
    assert.equal(s.enableApiLogging, true);
    assert.deepEqual(s.notes, [
      '--metrics-port does not apply and is ignored: Bindery serves no separate metrics port',
      '--placement-host-address does not apply and is ignored: Bindery has no actors, workflows, jobs or reminders',
    ]);
  });

  test('single-dash long flags and --flag=value work, as daprd doubles the dash', () => {
    const s = settings(['-app-id', 'one', '-resources-path=./a', '--dapr-http-port=4000', '-log-as-json']);
    assert.equal(s.appId, 'one');
    assert.deepEqual(s.resourcesPaths, ['./a']);
    assert.equal(s.httpPort, 4000);
    assert.equal(s.logAsJson, true);
    assert.equal(settings(['--log-as-json=false']).logAsJson, false);
  });

  test('--resources-path repeats and splits on commas; --components-path only without it', () => {
    assert.deepEqual(settings(['--resources-path', 'a,b', '--resources-path', 'c']).resourcesPaths, [
      'a',
      'b',
      'c',
    ]);
    const alias = settings(['--components-path', 'old']);
    assert.deepEqual(alias.resourcesPaths, ['old']);
    assert.deepEqual(alias.notes, ['--components-path is deprecated: use --resources-path']);
    assert.deepEqual(settings([]).notes, ['no --resources-path given: no components are loaded']);
  });

  test('--config repeats', () => {
    assert.deepEqual(settings(['--config', 'a.yaml', '--config', 'b.yaml']).configPaths, [
      'a.yaml',
      'b.yaml',
    ]);
  });

  test('--max-body-size is a quantity (4Mi by default); --dapr-http-max-request-size counts MB', () => {
    assert.equal(settings([]).maxBodySize, 4 * 2 ** 20);
    assert.equal(settings(['--max-body-size', '16Mi']).maxBodySize, 16 * 2 ** 20);
    assert.equal(settings(['--max-body-size', '10M']).maxBodySize, 10_000_000);
    assert.equal(settings(['--max-body-size', '1e6']).maxBodySize, 1_000_000);
    assert.equal(settings(['--max-body-size', '0']).maxBodySize, 0);
    assert.equal(settings(['--dapr-http-max-request-size', '8']).maxBodySize, 8 * 2 ** 20);
    // The newer flag wins, as in daprd.
    assert.equal(
      settings(['--dapr-http-max-request-size', '8', '--max-body-size', '1Mi']).maxBodySize,
      2 ** 20,
    );
    assert.throws(() => settings(['--max-body-size', 'lots']), /invalid value for 'max-body-size' option/);
    assert.throws(() => settings(['--dapr-http-max-request-size', 'x']), /invalid argument "x"/);
  });

  test('--read-buffer-size and --dapr-http-read-buffer-size bound the request head', () => {
    assert.equal(settings([]).readBufferSize, undefined);
    assert.equal(settings(['--read-buffer-size', '8Ki']).readBufferSize, 8192);
    assert.equal(settings(['--dapr-http-read-buffer-size', '16']).readBufferSize, 16384);
  });

  test('--dapr-listen-addresses lists interfaces (loopback by default; --host is the short form)', () => {
    assert.deepEqual(settings([]).listenAddresses, ['127.0.0.1']);
    assert.deepEqual(settings(['--dapr-listen-addresses', '127.0.0.1,[::1]']).listenAddresses, [
      '127.0.0.1',
      '::1',
    ]);
    assert.deepEqual(settings(['--host', '0.0.0.0']).listenAddresses, ['0.0.0.0']);
  });

  test('--log-level takes daprd levels; --log-as-json, --log-file, --enable-api-logging', () => {
    for (const level of ['debug', 'info', 'warn', 'error', 'fatal'])
      assert.equal(settings(['--log-level', level]).logLevel, level);
    assert.throws(() => settings(['--log-level', 'loud']), /--log-level must be one of/);
    assert.equal(settings(['--log-file', '/tmp/x.log']).logFile, '/tmp/x.log');
    assert.equal(settings([]).enableApiLogging, undefined);
    assert.equal(settings(['--enable-api-logging=false']).enableApiLogging, false);
  });

  test('--app-protocol, --app-ssl, --app-channel-address, --app-max-concurrency', () => {
    assert.equal(settings(['--app-protocol', 'grpc']).app.protocol, 'grpc');
    assert.throws(() => settings(['--app-protocol', 'ftp']), /--app-protocol must be one of/);
    const ssl = settings(['--app-ssl', '--resources-path', 'c']);
    assert.equal(ssl.app.protocol, 'https');
    assert.deepEqual(ssl.notes.slice(0, 1), ["--app-ssl is deprecated: use '--app-protocol https|grpcs'"]);
    const app = settings(['--app-channel-address', '10.0.0.2', '--app-max-concurrency', '4']);
    assert.deepEqual([app.app.channelAddress, app.app.maxConcurrency], ['10.0.0.2', 4]);
  });

  test('--dapr-graceful-shutdown-seconds sets how long closing waits', () => {
    assert.equal(settings([]).gracefulShutdownMs, 5000);
    assert.equal(settings(['--dapr-graceful-shutdown-seconds', '12']).gracefulShutdownMs, 12_000);
  });

  test('--mode kubernetes and control-plane flags are named as not applying', () => {
    const s = settings([
      '--mode',
      'kubernetes',
      '--sentry-address',
      'x:1',
      '--enable-mtls',
      '--resources-path',
      'c',
    ]);
    assert.deepEqual(s.notes, [
      '--sentry-address does not apply and is ignored: Bindery runs without a Dapr control plane',
      '--enable-mtls does not apply and is ignored: Bindery runs without a Dapr control plane (no sidecar-to-sidecar mTLS)',
      '--mode kubernetes does not apply: Bindery runs as in standalone mode',
    ]);
  });

  test('unknown flags and missing values are refused as daprd refuses them', async () => {
    for (const [args, message] of [
      [['sidecar', '--no-such-flag'], 'unknown flag: --no-such-flag'],
      [['sidecar', '--app-id'], 'flag needs an argument: --app-id'],
      [['sidecar', '--enable-api-logging=maybe'], 'invalid argument "maybe" for "--enable-api-logging" flag'],
      [['sidecar', 'stray'], 'unexpected argument stray'],
    ] as const) {
      const out = io();
      assert.equal(await runCli(args, out), 2, args.join(' '));
      assert.ok(out.err.join('').includes(message), `${args.join(' ')}: ${out.err.join('')}`);
    }
  });

  test('--version prints the version, as daprd does', async () => {
    const out = io();
    assert.equal(await runCli(['sidecar', '--version'], out), 0);
    assert.match(out.out.join(''), /^\d+\.\d+\.\d+/);
  });
});

describe('the command line at run time', () => {
  test('a --resources-path that does not exist stops start-up', async () => {
    const lines: { msg: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
    const code = await runCli(
      [
        'sidecar',
        '--resources-path',
        join(dir, 'componets'),
        '--dapr-http-port',
        '0',
        '--dapr-grpc-port',
        '0',
      ],
      { ...io(), logger, signals: new EventEmitter() },
    );
    assert.equal(code, 1);
    assert.ok(
      lines.some((l) =>
        l.msg.includes(`cannot read resources path ${join(dir, 'componets')}: it does not exist`),
      ),
      JSON.stringify(lines),
    );
  });

  test('a --config file that cannot be read stops start-up', async () => {
    const lines: { msg: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
    const code = await runCli(
      ['sidecar', '--resources-path', dir, '--config', join(dir, 'missing.yaml'), '--dapr-http-port', '0'],
      { ...io(), logger, signals: new EventEmitter() },
    );
    assert.equal(code, 1);
    assert.ok(lines.some((l) => l.msg.includes('cannot read configuration')));
  });

  test('flags that do not apply are logged, and the sidecar serves on every listen address', async () => {
    const lines: { msg: string; httpPort?: number; grpcPort?: number; method?: string; code?: number }[] = [];
    const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
    const signals = new EventEmitter();
    const running = runCli(
      [
        'sidecar',
        '--resources-path',
        dir,
        '--dapr-http-port',
        '0',
        '--dapr-grpc-port',
        '0',
        '--dapr-listen-addresses',
        '127.0.0.1,127.0.0.2',
        '--enable-api-logging',
        '--profile-port',
        '7777',
      ],
      { ...io(), logger, signals },
    );
    const ready = await waitFor(() => lines.find((l) => l.httpPort !== undefined));
    for (const host of ['127.0.0.1', '127.0.0.2']) {
      const res = await fetch(`http://${host}:${ready.httpPort}/v1.0/healthz`);
      assert.equal(res.status, 204, host);
    }
    signals.emit('SIGTERM');
    assert.equal(await running, 0);
    assert.ok(
      lines.some(
        (l) =>
          l.msg ===
          '--profile-port does not apply and is ignored: Bindery has no profiling server (use node --inspect)',
      ),
    );
    const logged = lines.filter((l) => l.msg === 'HTTP API Called');
    assert.deepEqual(
      logged.map((l) => [l.method, l.code]),
      [
        ['GET /v1.0/healthz', 204],
        ['GET /v1.0/healthz', 204],
      ],
    );
  });

  test('--log-file appends the log there, in daprd text format unless --log-as-json', async () => {
    const file = join(dir, 'sidecar.log');
    const signals = new EventEmitter();
    const running = runCli(
      [
        'sidecar',
        '--resources-path',
        dir,
        '--dapr-http-port',
        '0',
        '--dapr-grpc-port',
        '0',
        '--log-file',
        file,
      ],
      { ...io(), signals },
    );
    const text = await waitFor(async () => {
      const content = await readFile(file, 'utf8').catch(() => '');
      return content.includes('bindery sidecar ready') ? content : undefined;
    });
    signals.emit('SIGTERM');
    assert.equal(await running, 0);
    assert.match(text, /^time="[^"]+" level=info msg="bindery sidecar ready: HTTP on 127\.0\.0\.1 port \d+/m);
  });

  test('the text format writes fields as key=value, quoting what needs it', () => {
    const written: string[] = [];
    const destination = textLogDestination({ write: (s: string) => written.push(s) > 0 });
    destination.write(
      `${JSON.stringify({ level: 40, time: 0, pid: 1, hostname: 'h', msg: 'careful now', component: 'store', code: 7 })}\n`,
    );
    assert.deepEqual(written, [
      'time="1970-01-01T00:00:00.000Z" level=warning msg="careful now" component=store code=7\n',
    ]);
  });
});

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
}
