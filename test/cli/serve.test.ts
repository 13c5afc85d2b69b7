import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import {
  ClusterSupervisor,
  loadAppContainer,
  parseServeArgs,
  RestartBackoff,
  type SupervisorEvent,
  workerSlot,
} from '../../src/cli/index.js';

const fixture = join(import.meta.dirname, 'fixtures', 'cluster-app.ts');
const silent = pino({ level: 'silent' });

async function pidOf(port: number): Promise<number> {
  // A fresh connection each time, so the primary's round robin picks the next worker.
  const res = await fetch(`http://127.0.0.1:${port}/pid`, { headers: { connection: 'close' } });
  const body = (await res.json()) as { pid: number };
  return body.pid;
}

async function pidsSeen(port: number, requests: number): Promise<Set<number>> {
  const seen = new Set<number>();
  for (let i = 0; i < requests; i++) seen.add(await pidOf(port));
  return seen;
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting: ${what}`);
}

describe('bindery serve: a cluster of workers', () => {
  let supervisor: ClusterSupervisor;
  let port: number;
  const events: SupervisorEvent[] = [];

  before(async () => {
    supervisor = new ClusterSupervisor({ module: fixture, workers: 2, port: 0, logger: silent });
    supervisor.on((event) => events.push(event));
    await supervisor.start();
    port = supervisor.address!.port;
  });

  after(() => supervisor.close());

  test('two workers share one port and both answer', async () => {
    assert.equal(supervisor.pids().length, 2);
    const seen = await pidsSeen(port, 12);
    assert.deepEqual([...seen].sort(), [...supervisor.pids()].sort());
    const res = await fetch(`http://127.0.0.1:${port}/pid`);
    const { slot } = (await res.json()) as { slot: { count: number } };
    assert.equal(slot.count, 2);
  });

  test('a worker that dies is replaced in its slot', async () => {
    const before = supervisor.pids();
    const res = await fetch(`http://127.0.0.1:${port}/crash`, {
      method: 'POST',
      headers: { connection: 'close' },
    });
    const { crashing } = (await res.json()) as { crashing: number };
    await until(
      () => supervisor.pids().length === 2 && !supervisor.pids().includes(crashing),
      'a replacement worker',
    );
    const exit = events.find((e) => e.kind === 'exit' && e.pid === crashing);
    assert.equal(exit?.kind === 'exit' ? exit.code : undefined, 3);
    assert.ok(events.some((e) => e.kind === 'restart'));
    const survivors = before.filter((pid) => pid !== crashing);
    assert.ok(supervisor.pids().includes(survivors[0]!));
    assert.equal((await pidsSeen(port, 8)).size, 2);
  });

  test('reload replaces every worker without refusing a request', async () => {
    const old = supervisor.pids();
    let failures = 0;
    let answered = 0;
    let reloading = true;
    const load = (async () => {
      while (reloading) {
        try {
          await pidOf(port);
          answered++;
        } catch {
          failures++;
        }
      }
    })();
    await supervisor.reload();
    reloading = false;
    await load;
    assert.equal(failures, 0);
    assert.ok(answered > 0);
    const now = supervisor.pids();
    assert.equal(now.length, 2);
    assert.ok(
      now.every((pid) => !old.includes(pid)),
      'every worker is new',
    );
  });

  test('close lets a request in flight finish', async () => {
    const slow = fetch(`http://127.0.0.1:${port}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await supervisor.close();
    const res = await slow;
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { slow: boolean }).slow, true);
    assert.deepEqual(supervisor.pids(), []);
  });
});

test('a worker whose app fails to start makes start() reject with the reason', async () => {
  process.env.CLUSTER_APP_FAIL = '1';
  try {
    const supervisor = new ClusterSupervisor({ module: fixture, workers: 1, port: 0, logger: silent });
    await assert.rejects(supervisor.start(), /worker 0 failed to start: the app refused to start/);
  } finally {
    delete process.env.CLUSTER_APP_FAIL;
  }
});

test('restarts back off while workers die young, and reset once one lived', () => {
  const backoff = new RestartBackoff(100, 1000, 10_000);
  assert.deepEqual(
    [50, 20, 10, 5, 5].map((lived) => backoff.next(lived)),
    [100, 200, 400, 800, 1000],
  );
  assert.equal(backoff.next(60_000), 0);
  assert.equal(backoff.next(10), 100);
});

test('a worker reads its slot from the environment; a plain process is the leader', () => {
  assert.deepEqual(workerSlot({}), { index: 0, count: 1, leader: true });
  assert.deepEqual(workerSlot({ BINDERY_WORKER_INDEX: '1', BINDERY_WORKER_COUNT: '4' }), {
    index: 1,
    count: 4,
    leader: false,
  });
  assert.deepEqual(workerSlot({ BINDERY_WORKER_INDEX: '7', BINDERY_WORKER_COUNT: '2' }), {
    index: 0,
    count: 1,
    leader: true,
  });
});

test('serve arguments: module, workers, port and host with their defaults', () => {
  assert.deepEqual(parseServeArgs(['app.js'], {}), {
    module: 'app.js',
    workers: 'auto',
    port: 3000,
    host: '127.0.0.1',
    logLevel: 'info',
  });
  assert.deepEqual(parseServeArgs(['app.js', '--workers', '3', '--port', '8080'], { HOST: '0.0.0.0' }), {
    module: 'app.js',
    workers: 3,
    port: 8080,
    host: '0.0.0.0',
    logLevel: 'info',
  });
  assert.throws(() => parseServeArgs(['app.js', '--workers', '0'], {}), /--workers must be a whole number/);
  assert.throws(() => parseServeArgs([], {}), /the app module is required/);
  assert.throws(() => parseServeArgs(['a.js', '--nope'], {}), /Unknown option '--nope'/);
});

test('an app module that does not expose a Container is a clear error', async () => {
  await assert.rejects(
    loadAppContainer(join(import.meta.dirname, 'fixtures', 'no-such-app.ts')),
    /app module .*no-such-app\.ts was not found/,
  );
  await assert.rejects(
    loadAppContainer(
      join(import.meta.dirname, 'serve.test.ts').replace('serve.test.ts', 'fixtures/not-an-app.ts'),
    ),
    /must default-export a Container or a function returning one; its default export is missing/,
  );
});

test('SIGTERM to `bindery serve` drains the workers and exits 0', async () => {
  const cli = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', cli, 'serve', fixture, '--workers', '2', '--port', '0', '--log-level', 'silent'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  await until(() => /on http:\/\/127\.0\.0\.1:\d+ with 2 worker/.test(out), 'the serving line');
  const port = Number(/:(\d+) with/.exec(out)![1]);
  assert.equal((await pidsSeen(port, 6)).size, 2);
  const slow = fetch(`http://127.0.0.1:${port}/slow`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  assert.equal((await slow).status, 200);
  assert.equal(await exited, 0);
});
