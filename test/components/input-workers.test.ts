import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnyBindingComponentType } from '../../src/components/binding-component.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import type { AppChannel } from '../../src/components/input/app-channel.js';
import type { WorkerSlot } from '../../src/service/index.js';
import { memoryQueueBinding } from './memory-queue.js';
import { captureLogger, uniqueKey } from './support.js';

// Under `bindery serve` every worker loads the same components; the type's inputScope decides
// whether each worker reads its events or only the leader does.

const sharedQueueBinding: AnyBindingComponentType = {
  ...memoryQueueBinding,
  type: 'bindings.memqueue-shared',
  inputScope: 'worker',
};

const listening: AppChannel = {
  description: 'test channel',
  post: async () => ({ status: 200, body: new Uint8Array() }),
  options: async () => 200,
};

async function deliveredIn(slot: WorkerSlot): Promise<{ names: string[]; log: string }> {
  const log = captureLogger();
  const runtime = new BindingsRuntime({
    logger: log.logger,
    types: [memoryQueueBinding, sharedQueueBinding],
  });
  runtime.add({ name: 'ticks', type: 'bindings.memqueue', metadata: { queue: uniqueKey('q') } });
  runtime.add({ name: 'orders', type: 'bindings.memqueue-shared', metadata: { queue: uniqueKey('q') } });
  await runtime.start();
  const names = await runtime.deliverTo(listening, { slot });
  await runtime.close();
  return { names: names.sort(), log: log.text() };
}

test('the leader worker reads every input binding', async () => {
  const { names } = await deliveredIn({ index: 0, count: 2, leader: true });
  assert.deepEqual(names, ['orders', 'ticks']);
});

test('other workers read only the bindings whose type reads in every worker', async () => {
  const { names, log } = await deliveredIn({ index: 1, count: 2, leader: false });
  assert.deepEqual(names, ['orders']);
  assert.match(log, /input binding ticks is read by worker 0 only/);
});

test('bindings.cron reads once per app', async () => {
  const { builtInBindings } = await import('../../src/components/bindings/index.js');
  const cron = builtInBindings.find((type) => type.type === 'bindings.cron');
  assert.equal(cron?.inputScope ?? 'app', 'app');
});

test('bindings.rabbitmq reads in every worker: its consumers share one queue', async () => {
  const { builtInBindings } = await import('../../src/components/bindings/index.js');
  assert.equal(builtInBindings.find((type) => type.type === 'bindings.rabbitmq')?.inputScope, 'worker');
});
