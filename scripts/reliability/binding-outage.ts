// A Redis outage under load: `npm run reliability:binding-outage [-- --phase-ms 3000 --clients 8]`.
// Starts a private redis-server on a free port, serves a route that increments a counter through
// the redis binding, and keeps clients calling it while the server is frozen (SIGSTOP), thawed,
// killed (SIGKILL) and restarted. Prints one summary line per outage and a final verdict: every
// request made during an outage must be answered within the binding's deadline, and calls must
// succeed again less than 5 s after the server is back.
import { request } from 'node:http';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { BindingsRuntime, binding, provideBindings } from '../../src/components/index.js';
import { Container, WebService } from '../../src/service/index.js';
import { PrivateRedis } from '../../test/support/private-redis.js';

const { values } = parseArgs({
  options: {
    'phase-ms': { type: 'string', default: '3000' },
    clients: { type: 'string', default: '8' },
  },
});
const PHASE_MS = Number(values['phase-ms']);
const CLIENTS = Number(values.clients);
const READ_TIMEOUT_MS = 1000;
const WRITE_TIMEOUT_MS = 500;
const DEADLINE_MS = READ_TIMEOUT_MS + WRITE_TIMEOUT_MS;
/** Time the answer needs beyond the binding's deadline: the HTTP round trip on loopback. */
const ANSWER_SLACK_MS = 100;
const RECOVERY_TARGET_MS = 5000;

interface Sample {
  readonly start: number;
  readonly end: number;
  readonly status: number;
}

const redis = await PrivateRedis.start();
if (redis === undefined) {
  console.error('redis-server is not installed (apt-get install redis-server)');
  process.exit(1);
}
const runtime = new BindingsRuntime({ logger: pino({ level: 'error' }) });
runtime.add({
  name: 'counter',
  type: 'bindings.redis',
  metadata: {
    redisHost: redis.host,
    readTimeout: `${READ_TIMEOUT_MS}ms`,
    writeTimeout: `${WRITE_TIMEOUT_MS}ms`,
  },
});
await runtime.start();
const ws = new WebService('/');
ws.post('/hits')
  .inject({ counter: binding<'increment'>('counter') })
  .to(async (_input, { counter }) => {
    await counter.invoke('increment', undefined, { key: `bindery-outage-${process.pid}` });
    return { ok: true };
  });
const container = new Container({ logger: false }).add(ws);
provideBindings(container, runtime);
const address = await container.listen({ port: 0, host: '127.0.0.1' });

const samples: Sample[] = [];
let running = true;

function call(): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port: address.port, method: 'POST', path: '/hits', agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end();
  });
}

async function client(): Promise<void> {
  while (running) {
    const start = performance.now();
    const status = await call();
    samples.push({ start, end: performance.now(), status });
    // Successful calls are paced so the run measures behaviour, not the loop's top speed.
    if (status === 200) await new Promise((r) => setTimeout(r, 5));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The first moment after `from` at which a request that started then succeeded. */
function recoveredAt(from: number): number | undefined {
  return samples.filter((s) => s.start >= from && s.status === 200).sort((a, b) => a.end - b.end)[0]?.end;
}

interface Outage {
  readonly name: string;
  readonly downAt: number;
  readonly upAt: number;
}

function report(outage: Outage): boolean {
  const during = samples.filter((s) => s.start >= outage.downAt && s.start < outage.upAt);
  const within = during.filter((s) => s.end - s.start <= DEADLINE_MS + ANSWER_SLACK_MS);
  const maxMs = Math.max(0, ...during.map((s) => s.end - s.start));
  const failed = during.filter((s) => s.status !== 200);
  const codes = [...new Set(failed.map((s) => s.status))].sort().join('/') || 'none';
  const recovered = recoveredAt(outage.upAt);
  const recoveryMs = recovered === undefined ? Number.POSITIVE_INFINITY : recovered - outage.upAt;
  const ok = within.length === during.length && recoveryMs < RECOVERY_TARGET_MS;
  console.log(
    `${outage.name}: ${during.length} requests during ${((outage.upAt - outage.downAt) / 1000).toFixed(1)} s, ` +
      `${within.length} answered within the ${DEADLINE_MS} ms deadline (max ${maxMs.toFixed(0)} ms; ` +
      `failures answered ${codes}), recovered ${(recoveryMs / 1000).toFixed(2)} s after the server was back`,
  );
  return ok;
}

const clients = Array.from({ length: CLIENTS }, () => client());
await sleep(PHASE_MS);

const frozenAt = performance.now();
redis.freeze();
await sleep(PHASE_MS);
const thawedAt = performance.now();
redis.thaw();
await sleep(PHASE_MS);

const killedAt = performance.now();
await redis.kill();
await sleep(PHASE_MS);
await redis.restart();
const restartedAt = performance.now();
await sleep(PHASE_MS);

running = false;
await Promise.all(clients);
await container.close();
await runtime.close();
await redis.stop();

const before = samples.filter((s) => s.start < frozenAt);
const succeeded = before.filter((s) => s.status === 200).length;
const underWay = succeeded < before.length ? ' (the others were under way when the server froze)' : '';
console.log(`before the outage: ${before.length} requests, ${succeeded} succeeded${underWay}`);
const frozenOk = report({ name: 'frozen (SIGSTOP)', downAt: frozenAt, upAt: thawedAt });
const killedOk = report({ name: 'killed (SIGKILL)', downAt: killedAt, upAt: restartedAt });
const verdict = frozenOk && killedOk;
console.log(
  `binding-outage: ${verdict ? 'PASS' : 'FAIL'} (every request during an outage answered within the deadline, recovery < ${RECOVERY_TARGET_MS / 1000} s)`,
);
process.exit(verdict ? 0 : 1);
