import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ClusterSupervisor, SupervisorEvent } from '../../src/cli/index.js';
import { pidOf, startCluster } from './cluster-support.js';

describe('bindery serve: reload and close', () => {
  let supervisor: ClusterSupervisor;
  let port: number;
  const events: SupervisorEvent[] = [];

  before(async () => {
    ({ supervisor, port } = await startCluster(2, events));
  });

  after(() => supervisor.close());

  test('reload replaces every worker without refusing or losing a request', async () => {
    const old = supervisor.pids();
    let failures = 0;
    let lost = 0;
    let answered = 0;
    let reloading = true;
    // Several clients at once, so connections are being handed to a worker as it retires: a
    // hand-off the retiring worker takes with it leaves its client waiting for ever.
    const client = async () => {
      while (reloading) {
        try {
          await pidOf(port, AbortSignal.timeout(10_000));
          answered++;
        } catch (error) {
          if ((error as Error).name === 'TimeoutError') lost++;
          else failures++;
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, client));
    await supervisor.reload();
    await supervisor.reload();
    reloading = false;
    await load;
    assert.deepEqual({ failures, lost }, { failures: 0, lost: 0 });
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
