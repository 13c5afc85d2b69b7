// Graceful close under load: CLOSE_CONNECTIONS (50) keep-alive clients load the example service;
// after CLOSE_AFTER_SECONDS (3) it gets SIGTERM. Every request sent must be answered (refused
// connections after it stopped listening are counted apart: those requests were never
// accepted). Prints one line: answered, lost, refused, time to exit, exit code.
import { envNumber, load, newTally, startTarget } from './harness.js';

const connections = envNumber('CLOSE_CONNECTIONS', 50);
const after = envNumber('CLOSE_AFTER_SECONDS', 3);
const target = await startTarget();
const tally = newTally();
let exited = false;
target.child.once('exit', () => {
  exited = true;
});
const running = load(target.port, connections, () => !exited, tally);
await new Promise((resolve) => setTimeout(resolve, after * 1000));
const answeredBefore = tally.ok;
const signalled = Date.now();
const code = target.stop();
const exit = await code;
const took = Date.now() - signalled;
await running;
console.log(
  [
    `close-under-load: ${connections} connections, SIGTERM after ${after} s`,
    `${tally.ok} answered (${tally.ok - answeredBefore} after the signal)`,
    `${tally.failed} errors`,
    `${tally.lost} lost`,
    `${tally.refused} refused after close`,
    `exited in ${took} ms with ${exit}`,
  ].join(', '),
);
process.exit(tally.lost + tally.failed === 0 && exit === 0 ? 0 : 1);
