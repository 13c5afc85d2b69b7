import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  ClusterSupervisor,
  loadAppContainer,
  parseServeArgs,
  RestartBackoff,
  workerSlot,
} from '../../src/cli/index.js';
import { fixture, silent } from './cluster-support.js';

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
