// One run of the instruction-count mode (bench/http/instructions.ts), bundled and started by it,
// under valgrind for the counted runs and natively for the correctness check:
//
//   node <bundle> check <server>
//   node <bundle> run <server> <route> <warm-up requests> <counted requests>
//
// A run warms the server up, then sends the counted requests; the parent runs it with two
// counts and divides the difference in instructions by the difference in requests, so start-up
// and warm-up cancel out.

import { checkPeer } from './check.js';
import { FakeConnection, prepare } from './fake-connection.js';
import { inProcessSend, runBatch } from './inproc-batch.js';
import { loadPeer } from './servers/index.js';
import { expectedStatus, ROUTE_REQUESTS, type RouteName } from './spec.js';

const [mode, name, route, warmUp, counted] = process.argv.slice(2);
const loaded = await loadPeer(name ?? '');
if (!loaded.ok) {
  console.error(loaded.reason);
  process.exit(3);
}
const app = await loaded.peer.create();

if (mode === 'check') {
  const problems = await checkPeer(inProcessSend(app.listener));
  for (const problem of problems) console.error(problem);
  process.exit(problems.length === 0 ? 0 : 4);
}

if (mode !== 'run' || route === undefined || !(route in ROUTE_REQUESTS)) {
  console.error(`usage: check <server> | run <server> <route> <warm-up> <requests>`);
  process.exit(2);
}
const request = prepare(ROUTE_REQUESTS[route as RouteName]);
const status = expectedStatus(route as RouteName);
const connections = Array.from({ length: 10 }, () => new FakeConnection(app.listener));
for (const count of [Number(warmUp), Number(counted)]) {
  const batch = await runBatch(connections, request, count, status);
  if (batch.unexpected > 0) {
    console.error(`${batch.unexpected} of ${count} answers had an unexpected status`);
    process.exit(5);
  }
}
// Exit at once: closing servers and pools would only add instructions that differ by peer.
process.exit(0);
