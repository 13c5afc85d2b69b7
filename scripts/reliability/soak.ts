// The soak: the example service under steady keep-alive load (reads and order writes) for
// SOAK_SECONDS (60 by default) over SOAK_CONNECTIONS (20). Prints one summary line: load held,
// errors, lost requests, orders lost, memory drift and descriptors.
import { envNumber, load, newTally, sample, startTarget } from './harness.js';

const seconds = envNumber('SOAK_SECONDS', 60);
const connections = envNumber('SOAK_CONNECTIONS', 20);
const target = await startTarget();
const pid = target.child.pid!;
const tally = newTally();
const started = Date.now();
const end = started + seconds * 1000;
let warm: Awaited<ReturnType<typeof sample>> | undefined;
let peakFds = 0;
// Memory is compared from the end of the first tenth (after warm-up) to the end.
const sampler = setInterval(async () => {
  const now = await sample(pid);
  peakFds = Math.max(peakFds, now.fds);
  if (warm === undefined && Date.now() - started >= (seconds * 1000) / 10) warm = now;
}, 1000);
await load(target.port, connections, () => Date.now() < end, tally);
clearInterval(sampler);
const last = await sample(pid);
const stored = await target.storedOrders();
const exit = await target.stop();
const first = warm ?? last;
const total = tally.ok + tally.failed + tally.lost;
const summary = [
  `soak: ${seconds} s, ${connections} connections`,
  `${total} requests (${Math.round(total / seconds)} req/s)`,
  `${tally.failed} errors`,
  `${tally.lost} lost`,
  `${tally.created - stored} of ${tally.created} orders lost`,
  `rss ${first.rssMiB.toFixed(1)}→${last.rssMiB.toFixed(1)} MiB (${(last.rssMiB - first.rssMiB >= 0 ? '+' : '') + (last.rssMiB - first.rssMiB).toFixed(1)})`,
  `fds ${first.fds}→${last.fds} (peak ${peakFds})`,
  `exit ${exit}`,
];
console.log(summary.join(', '));
process.exit(tally.failed + tally.lost === 0 && tally.created === stored && exit === 0 ? 0 : 1);
