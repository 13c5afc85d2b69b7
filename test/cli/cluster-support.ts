import { join } from 'node:path';
import { pino } from 'pino';
import { ClusterSupervisor, type SupervisorEvent } from '../../src/cli/index.js';

// Shared by the `bindery serve` tests: the fixture app and how to tell its workers apart.

export const fixture = join(import.meta.dirname, 'fixtures', 'cluster-app.ts');
export const silent = pino({ level: 'silent' });

export async function pidOf(port: number, signal?: AbortSignal): Promise<number> {
  // A fresh connection each time, so the primary's round robin picks the next worker.
  const res = await fetch(`http://127.0.0.1:${port}/pid`, { headers: { connection: 'close' }, signal });
  const body = (await res.json()) as { pid: number };
  return body.pid;
}

export async function pidsSeen(port: number, requests: number): Promise<Set<number>> {
  const seen = new Set<number>();
  for (let i = 0; i < requests; i++) seen.add(await pidOf(port));
  return seen;
}

export async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting: ${what}`);
}

/** A cluster of the fixture app on a free port, its events collected into `events`. */
export async function startCluster(
  workers: number,
  events: SupervisorEvent[],
): Promise<{ supervisor: ClusterSupervisor; port: number }> {
  const supervisor = new ClusterSupervisor({ module: fixture, workers, port: 0, logger: silent });
  supervisor.on((event) => events.push(event));
  await supervisor.start();
  return { supervisor, port: supervisor.address!.port };
}
