// Slow clients: SLOW_CLIENTS (1000) connections send half a request and then nothing, never
// reading nor closing, while fresh clients keep asking. The service's 408 comes after its
// headersTimeout (10 s); prints how soon every silent client's descriptor was released and
// how the fresh clients fared, in one line.
import { connect, type Socket } from 'node:net';
import { envNumber, load, newTally, sample, startTarget } from './harness.js';

const clients = envNumber('SLOW_CLIENTS', 1000);
const giveUp = envNumber('SLOW_MAX_SECONDS', 40) * 1000;
const target = await startTarget();
const pid = target.child.pid!;
const baseline = await sample(pid);
const silent: Socket[] = [];
const opened = Date.now();
for (let i = 0; i < clients; i++) {
  silent.push(
    await new Promise<Socket>((resolve, reject) => {
      const socket = connect(target.port, '127.0.0.1', () => {
        socket.pause();
        socket.write('GET /shops HTTP/1.1\r\nHost: a\r\n');
        resolve(socket);
      });
      socket.once('error', reject);
    }),
  );
}
const held = await sample(pid);
const tally = newTally();
let released = -1;
const fresh = load(target.port, 2, () => released === -1 && Date.now() - opened < giveUp, tally);
// Released: the service holds no more descriptors than before the silent clients came (a few
// spare for the fresh clients' sockets).
while (released === -1 && Date.now() - opened < giveUp) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  if ((await sample(pid)).fds <= baseline.fds + 4) released = Date.now() - opened;
}
await fresh;
const after = await sample(pid);
for (const socket of silent) socket.destroy();
const exit = await target.stop();
const outcome =
  released === -1
    ? `NOT released within ${giveUp / 1000} s`
    : `all released ${(released / 1000).toFixed(1)} s after connecting`;
console.log(
  [
    `slow-clients: ${clients} silent clients, ${outcome} (headersTimeout 10 s)`,
    `fds ${baseline.fds}→${held.fds}→${after.fds}`,
    `fresh requests ${tally.ok} served, ${tally.failed + tally.lost + tally.refused} failed`,
    `exit ${exit}`,
  ].join(', '),
);
process.exit(released !== -1 && tally.failed + tally.lost + tally.refused === 0 ? 0 : 1);
