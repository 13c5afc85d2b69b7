import type { PeerProcess } from './peer-process.js';
import { addSample, progress, rotate, type Samples } from './samples.js';
import type { RouteName } from './spec.js';
import { median } from './stats.js';

export interface InProcessOptions {
  readonly routes: readonly RouteName[];
  readonly rounds: number;
  /** Wall time one round should take per process; sets each process's request count. */
  readonly roundMs: number;
  readonly connections: number;
}

const WARMUP_CPU_MS = 300;
const WARMUP_REQUESTS = 5000;
const MIN_COUNT = 50;

/**
 * The in-process mode: every server process drives its own listener through fake connections,
 * one process at a time, in many short rounds whose order rotates. The figures are far steadier
 * than the socket mode's because there is no kernel, no load generator and no scheduling between
 * two busy processes in them. A server's processes pool their rounds: how well the JIT happens
 * to compile one process can move it by tens of percent, and several processes outvote one.
 */
export async function runInProcess(
  peers: readonly PeerProcess[],
  options: InProcessOptions,
): Promise<Samples> {
  const counts = new Map<string, number>();
  const key = (peer: PeerProcess, route: RouteName) => `${peer.name}#${peer.fork} ${route}`;
  for (const route of options.routes) {
    for (const peer of peers) {
      counts.set(key(peer, route), await warmUp(peer, route, options));
    }
  }
  progress(`inproc: warmed up; ${options.rounds} rounds of ~${options.roundMs} ms per process and route`);
  const samples: Samples = new Map();
  for (let round = 0; round < options.rounds; round++) {
    for (const route of options.routes) {
      for (const peer of rotate(peers, round)) {
        const count = counts.get(key(peer, route))!;
        const batch = await peer.call('batch', { route, count, connections: options.connections });
        addSample(samples, route, peer.name, {
          nsPerReq: batch.wallNs / batch.count,
          reqPerSec: (batch.count * 1e9) / batch.wallNs,
          cpuUsPerReq: batch.cpuUs / batch.count,
          failures: batch.unexpected,
        });
      }
    }
    if ((round + 1) % 10 === 0 || round + 1 === options.rounds) {
      progress(`inproc: round ${round + 1}/${options.rounds}`);
    }
  }
  return samples;
}

/**
 * Runs the route until the JIT has settled and returns the request count that makes one round
 * last about `roundMs` for this process, so fast and slow servers get rounds of the same length
 * and the same exposure to the machine's noise. Warming up is counted in CPU time and requests,
 * not wall time: on a busy machine a wall-clock budget can pass before the code is optimized.
 */
async function warmUp(peer: PeerProcess, route: RouteName, options: InProcessOptions): Promise<number> {
  let count = MIN_COUNT;
  let cpuUs = 0;
  let requests = 0;
  const recent: number[] = [];
  while (cpuUs < WARMUP_CPU_MS * 1000 || requests < WARMUP_REQUESTS) {
    const batch = await peer.call('batch', { route, count, connections: options.connections });
    cpuUs += batch.cpuUs;
    requests += batch.count;
    const nsPerReq = batch.wallNs / batch.count;
    recent.push(nsPerReq);
    // Grow the batches so warming up costs few IPC round trips even for the fastest server.
    count = Math.min(count * 2, Math.max(MIN_COUNT, Math.round((options.roundMs * 1e6) / nsPerReq)));
  }
  return Math.max(MIN_COUNT, Math.round((options.roundMs * 1e6) / median(recent.slice(-3))));
}
