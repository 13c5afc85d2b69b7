import { runLoad } from './load.js';
import type { PeerProcess } from './peer-process.js';
import { addSample, progress, rotate, type Samples } from './samples.js';
import type { RouteName } from './spec.js';

export interface SocketOptions {
  readonly routes: readonly RouteName[];
  readonly rounds: number;
  readonly seconds: number;
  readonly connections: number;
}

const WARMUP_SECONDS = 1;

/**
 * The socket mode: autocannon in the harness process loads one server process at a time over
 * loopback, in rounds whose order rotates. Besides requests per second it reads the server
 * process's CPU time around each round: on a machine with few cores the load generator often
 * saturates first, and CPU per request still tells the servers apart when req/s cannot.
 */
export async function runSockets(
  peers: ReadonlyMap<PeerProcess, number>,
  options: SocketOptions,
): Promise<Samples> {
  const order = [...peers.keys()];
  for (const route of options.routes) {
    for (const peer of order) await runLoad(peers.get(peer)!, route, WARMUP_SECONDS, options.connections);
  }
  const total = options.rounds * options.routes.length * order.length * options.seconds;
  progress(
    `socket: warmed up; ${options.rounds} rounds of ${options.seconds} s each, ~${Math.ceil(total)} s`,
  );
  const samples: Samples = new Map();
  for (let round = 0; round < options.rounds; round++) {
    for (const route of options.routes) {
      for (const peer of rotate(order, round)) {
        const before = await peer.call('cpu', {});
        const load = await runLoad(peers.get(peer)!, route, options.seconds, options.connections);
        const after = await peer.call('cpu', {});
        const cpuUs = after.user - before.user + (after.system - before.system);
        addSample(samples, route, peer.name, {
          reqPerSec: load.completed / load.seconds,
          cpuUsPerReq: load.completed === 0 ? Number.NaN : cpuUs / load.completed,
          failures: load.failures,
        });
      }
    }
    progress(`socket: round ${round + 1}/${options.rounds}`);
  }
  return samples;
}
