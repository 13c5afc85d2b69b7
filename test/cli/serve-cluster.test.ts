import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ClusterSupervisor, SupervisorEvent } from '../../src/cli/index.js';
import { pidsSeen, startCluster, until } from './cluster-support.js';

describe('bindery serve: a cluster of workers', () => {
  let supervisor: ClusterSupervisor;
  let port: number;
  const events: SupervisorEvent[] = [];

  before(async () => {
    ({ supervisor, port } = await startCluster(2, events));
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
});
