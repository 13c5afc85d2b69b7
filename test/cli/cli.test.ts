import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { type CliIo, parseSidecarArgs, runCli } from '../../src/cli/index.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bindery-cli-'));
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

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
}

describe('bindery sidecar arguments', () => {
  test('defaults, repeatable paths and the deprecated alias', () => {
    const settings = parseSidecarArgs([
      '--resources-path',
      'a',
      '--resources-path',
      'b',
      '--components-path',
      'c',
      '--app-id',
      'shop',
    ]);
    assert.ok(typeof settings === 'object');
    // daprd reads --components-path only when no --resources-path is given.
    assert.deepEqual(settings.resourcesPaths, ['a', 'b']);
    assert.equal(settings.httpPort, 3500);
    assert.equal(settings.grpcPort, 50001);
    assert.equal(settings.appId, 'shop');
    assert.deepEqual(settings.notes, ['--components-path is ignored because --resources-path is given']);
    const ports = parseSidecarArgs(['--resources-path', 'a', '--dapr-http-port', '4000', '--grpc-port', '0']);
    assert.deepEqual(typeof ports === 'object' && [ports.httpPort, ports.grpcPort], [4000, 0]);
  });

  test('mistakes exit 2 with the message and the usage', async () => {
    for (const [args, message] of [
      [
        ['sidecar', '--resources-path', 'x', '--http-port', 'eighty'],
        '--http-port must be a port number (0-65535), not eighty',
      ],
      [['sidecar', '--resources-path', 'x', '--nope'], 'unknown flag: --nope'],
    ] as const) {
      const out = io();
      assert.equal(await runCli(args, out), 2, args.join(' '));
      assert.match(out.err.join(''), new RegExp(message.replace(/[()]/g, '\\$&')));
      assert.match(out.err.join(''), /Usage: bindery sidecar/);
    }
    const unknown = io();
    assert.equal(await runCli(['serve-the-moon'], unknown), 2);
    assert.match(unknown.err.join(''), /unknown command serve-the-moon/);
  });

  test('help and version', async () => {
    const help = io();
    assert.equal(await runCli(['help', 'sidecar'], help), 0);
    assert.match(help.out.join(''), /--resources-path DIR/);
    const version = io();
    assert.equal(await runCli(['--version'], version), 0);
    assert.match(version.out.join(''), /^\d+\.\d+\.\d+/);
  });
});

describe('bindery sidecar (in process)', () => {
  test('serves until a signal arrives, then closes gracefully', async () => {
    const signals = new EventEmitter();
    const lines: { msg: string; httpPort?: number }[] = [];
    const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
    const running = runCli(['sidecar', '--resources-path', dir, '--http-port', '0', '--grpc-port', '0'], {
      ...io(),
      logger,
      signals,
    });
    const ready = await waitFor(() => lines.find((l) => l.httpPort !== undefined));
    const health = await fetch(`http://127.0.0.1:${ready.httpPort}/v1.0/healthz`);
    assert.equal(health.status, 204);
    signals.emit('SIGTERM');
    assert.equal(await running, 0);
    assert.equal(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT'), 0);
    assert.ok(lines.some((l) => l.msg === 'received SIGTERM: shutting down'));
    assert.ok(lines.some((l) => l.msg === 'bindery sidecar stopped'));
  });

  test('POST /v1.0/shutdown stops it the same way', async () => {
    const lines: { msg: string; httpPort?: number }[] = [];
    const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
    const running = runCli(
      [
        'sidecar',
        '--resources-path',
        dir,
        '--http-port',
        '0',
        '--grpc-port',
        '0',
        '--allow-shutdown-without-token',
      ],
      { ...io(), logger, signals: new EventEmitter() },
    );
    const ready = await waitFor(() => lines.find((l) => l.httpPort !== undefined));
    const res = await fetch(`http://127.0.0.1:${ready.httpPort}/v1.0/shutdown`, { method: 'POST' });
    assert.equal(res.status, 204);
    assert.equal(await running, 0);
    assert.ok(lines.some((l) => l.msg === 'shutdown requested through the API: shutting down'));
  });

  test('a start-up failure (here an address that cannot be bound) exits 1 with the reason', async () => {
    const lines: { msg: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
    const code = await runCli(
      ['sidecar', '--resources-path', dir, '--http-port', '0', '--grpc-port', '0', '--host', '256.0.0.1'],
      {
        ...io(),
        logger,
      },
    );
    assert.equal(code, 1);
    assert.ok(lines.some((l) => l.msg.startsWith('bindery sidecar could not start:')));
  });
});

describe('bindery sidecar (as a process)', () => {
  test('starts from component files, invokes, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'sidecar',
        '--resources-path',
        dir,
        '--http-port',
        '0',
        '--grpc-port',
        '0',
        '--app-id',
        'cli-test',
        '--log-as-json',
      ],
      {
        cwd: join(import.meta.dirname, '..', '..'),
        env: { ...process.env, DAPR_API_TOKEN: '' },
      },
    );
    const { httpPort } = await readyLine(child);
    const res = await fetch(`http://127.0.0.1:${httpPort}/v1.0/bindings/store`, {
      method: 'POST',
      body: JSON.stringify({ operation: 'create', data: { via: 'cli' }, metadata: { fileName: 'cli.json' } }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { fileName: 'cli.json' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});

async function waitFor<T>(probe: () => T | undefined): Promise<T> {
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The sidecar's ready log line (pino JSON on stdout) carries the bound ports. */
function readyLine(child: ChildProcessWithoutNullStreams): Promise<{ httpPort: number; grpcPort: number }> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code) =>
      reject(new Error(`sidecar exited with ${code} before it was ready: ${stderr}`)),
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { httpPort?: number; grpcPort?: number };
        if (entry.httpPort !== undefined && entry.grpcPort !== undefined)
          resolve({ httpPort: entry.httpPort, grpcPort: entry.grpcPort });
      } catch {
        // Not a log line.
      }
    });
  });
}
