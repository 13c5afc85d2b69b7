import { spawnSync } from 'node:child_process';
import { ROUTE_REQUESTS, type RouteName } from './spec.js';

/** One valgrind run: a server, a route, how many requests were counted after warming up. */
export interface CountedRun {
  readonly server: string;
  readonly route: RouteName;
  readonly requests: number;
  /** Every instruction of the run: start-up, warm-up and the counted requests. */
  readonly instructions: number;
}

/**
 * valgrind's arguments for a count: instructions only, no cache simulation, nothing written
 * but the total on stderr. V8 writes machine code at run time; valgrind must notice code that
 * changes in place.
 */
export const VALGRIND: readonly string[] = [
  '--tool=cachegrind',
  '--cache-sim=no',
  '--smc-check=all-non-file',
  '--cachegrind-out-file=/dev/null',
];

/** Ends the process with a clear message when valgrind is not on the PATH; `what` names the bench. */
export function requireValgrind(what: string): void {
  if (spawnSync('valgrind', ['--version']).status === 0) return;
  console.error(`${what} needs valgrind (Debian: apt-get install valgrind); it was not found.`);
  process.exit(2);
}

/** The total cachegrind prints when a run ends (`==123== I   refs:      5,403,879,024`). */
export function parseInstructionTotal(stderr: string): number | undefined {
  const match = /I\s+refs:\s+([\d,]+)/.exec(stderr);
  return match === null ? undefined : Number(match[1]!.replaceAll(',', ''));
}

/**
 * Instructions per request of one server on one route, from runs with `n` and `2n` counted
 * requests: the lowest total of each count, since a disturbed run only ever adds instructions,
 * then their difference over `n`. `repeats` is what each pair of runs alone says, in run order.
 */
export function perRequest(
  runs: readonly CountedRun[],
  server: string,
  route: RouteName,
  n: number,
): { readonly value: number; readonly repeats: readonly number[] } {
  const mine = runs.filter((r) => r.server === server && r.route === route);
  const single = mine.filter((r) => r.requests === n).map((r) => r.instructions);
  const double = mine.filter((r) => r.requests === 2 * n).map((r) => r.instructions);
  if (single.length === 0 || single.length !== double.length) {
    throw new Error(`${server} ${route}: runs with ${n} and ${2 * n} requests do not pair up`);
  }
  return {
    value: (Math.min(...double) - Math.min(...single)) / n,
    repeats: single.map((s, i) => (double[i]! - s) / n),
  };
}

const whole = (n: number) => Math.round(n).toLocaleString('en-US');

/** One markdown table per route; ratios against node-http and Fastify when they were counted. */
export function instructionTables(
  runs: readonly CountedRun[],
  servers: readonly string[],
  routes: readonly RouteName[],
  n: number,
): string {
  const lines: string[] = [];
  for (const route of routes) {
    const cost = new Map(servers.map((s) => [s, perRequest(runs, s, route, n)]));
    const versus = (server: string, reference: string) => {
      const base = cost.get(reference)?.value;
      return base === undefined ? '–' : `${(cost.get(server)!.value / base).toFixed(3)}×`;
    };
    const request = ROUTE_REQUESTS[route];
    lines.push(`### ${route} (\`${request.method} ${request.url}\`)`, '');
    lines.push(
      '| server | instructions/request | each repeat alone | vs node-http | vs fastify |',
      '| --- | ---: | ---: | ---: | ---: |',
    );
    for (const server of servers) {
      const { value, repeats } = cost.get(server)!;
      const spread = `${whole(Math.min(...repeats))}–${whole(Math.max(...repeats))}`;
      lines.push(
        `| ${server} | ${whole(value)} | ${spread} | ${versus(server, 'node-http')} | ${versus(server, 'fastify')} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
