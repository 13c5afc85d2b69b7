// Two servers in one process, in-process requests, per-round CPU ratio: a steadier reading of
// one framework's overhead than separate processes on a noisy machine, since both servers see
// the same moments of the machine and the ratio is taken round by round.
//
//   npx tsx bench/http/paired.ts [--route hello|order] [--servers node-http,bindery]
//                                [--rounds 400] [--requests 1000]
//
// Bindery runs from dist/ (npm run build). Both servers share node's HTTP code and the fake
// connection, so neither gets a private JIT profile of those; `npm run bench` keeps them apart.

import { parseArgs } from 'node:util';
import { FakeConnection, prepare } from './fake-connection.js';
import { runBatch } from './inproc-batch.js';
import { loadPeer } from './servers/index.js';
import { expectedStatus, ROUTE_REQUESTS, type RouteName } from './spec.js';
import { median, percentile } from './stats.js';

const WARMUP_ROUNDS = 50;

const { values } = parseArgs({
  options: {
    route: { type: 'string', default: 'hello' },
    servers: { type: 'string', default: 'node-http,bindery' },
    rounds: { type: 'string', default: '400' },
    requests: { type: 'string', default: '1000' },
  },
});
const route = values.route as RouteName;
if (!(route in ROUTE_REQUESTS))
  throw new Error(`--route must be one of ${Object.keys(ROUTE_REQUESTS).join(', ')}`);
const names = values.servers.split(',');
if (names.length !== 2) throw new Error('--servers takes two servers: the reference, then the one measured');
const rounds = Number(values.rounds);
const requests = Number(values.requests);

const servers = await Promise.all(
  names.map(async (name) => {
    const loaded = await loadPeer(name);
    if (!loaded.ok) throw new Error(`${name}: ${loaded.reason}`);
    return loaded.peer.create();
  }),
);
const connections = servers.map((server) =>
  Array.from({ length: 10 }, () => new FakeConnection(server.listener)),
);
const request = prepare(ROUTE_REQUESTS[route]);
const status = expectedStatus(route);
const cost: [number[], number[]] = [[], []];
const ratios: number[] = [];
for (let round = 0; round < WARMUP_ROUNDS + rounds; round++) {
  const perRequest: number[] = [];
  for (const k of round % 2 === 0 ? [0, 1] : [1, 0]) {
    const batch = await runBatch(connections[k]!, request, requests, status);
    if (batch.unexpected > 0)
      throw new Error(`${names[k]} answered ${batch.unexpected} requests unexpectedly`);
    perRequest[k] = (batch.cpuUs * 1000) / batch.count;
  }
  if (round < WARMUP_ROUNDS) continue;
  cost[0].push(perRequest[0]!);
  cost[1].push(perRequest[1]!);
  ratios.push(perRequest[1]! / perRequest[0]!);
}
for (const server of servers) await server.close();

const row = (k: 0 | 1) =>
  `| ${names[k]} | ${Math.round(median(cost[k]))} | ${Math.round(percentile(cost[k], 10))} |`;
console.log(
  `\n### ${route}: ${names[1]} against ${names[0]} in one process (${rounds} rounds × ${requests})\n`,
);
console.log('| server | CPU ns/req median | p10 |');
console.log('| --- | ---: | ---: |');
console.log(row(0));
console.log(row(1));
console.log(
  `\n${names[1]} / ${names[0]}: ${median(ratios).toFixed(3)}× median of per-round ratios ` +
    `(p10 ${percentile(ratios, 10).toFixed(3)}×, p90 ${percentile(ratios, 90).toFixed(3)}×)`,
);
