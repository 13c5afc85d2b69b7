import type { RouteName } from './spec.js';

/** What one round measured for one server on one route. */
export interface RoundSample {
  /** Completed requests per second of wall time. */
  readonly reqPerSec: number;
  /** The server process's CPU time (user + system) per completed request, in microseconds. */
  readonly cpuUsPerReq: number;
  /** In-process mode only: wall time per request, in nanoseconds. */
  readonly nsPerReq?: number;
  /** Set when some answers were not the expected status or the load generator saw errors. */
  readonly failures: number;
}

export type Mode = 'inproc' | 'socket';

/** Samples by route, then by server, in round order. */
export type Samples = Map<RouteName, Map<string, RoundSample[]>>;

export function addSample(samples: Samples, route: RouteName, server: string, sample: RoundSample): void {
  let byServer = samples.get(route);
  if (byServer === undefined) {
    byServer = new Map();
    samples.set(route, byServer);
  }
  const rounds = byServer.get(server);
  if (rounds === undefined) byServer.set(server, [sample]);
  else rounds.push(sample);
}

/** Round r starts with a different server, so no server always runs right after the same one. */
export function rotate<T>(items: readonly T[], round: number): T[] {
  const shift = round % Math.max(items.length, 1);
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/** Progress goes to stderr so stdout carries only the report. */
export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}
