import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { serviceSkip } from '../../test/support/services.js';
import { loadBindery } from '../http/servers/bindery-entry.js';
import { median } from './stats.js';

const { BindingsRuntime, Container, WebService, httpAppChannel } = await loadBindery();

/**
 * `npx tsx bench/bindings/input.ts [--rounds 9] [--events 400]`: input delivery rate (events
 * per second) in process (through the app's Container, no socket) against over HTTP to a
 * separate app (what `bindery sidecar --app-port` does), one event at a time and with 32 in
 * flight. Each round runs both ways, alternating which goes first; the report gives the median
 * rate per way and the ratio in-process / HTTP (the median of per-round ratios). With RabbitMQ
 * up, the same end to end: messages published to a queue and consumed by each way.
 */

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '9' },
    events: { type: 'string', default: '400' },
    json: { type: 'string', default: '.bench-results/input-bindings.json' },
  },
});
const rounds = Number(values.rounds);
const events = Number(values.events);
const progress = (text: string) => process.stderr.write(`${text}\n`);
const logger = pino({ level: 'warn' });
const payload = JSON.stringify({ id: 42, items: [{ sku: 'A-1', qty: 2 }], note: 'x'.repeat(200) });

/** The app both ways deliver to: one route per binding, counting what it handled. */
function app(): { container: InstanceType<typeof Container>; handled: () => number } {
  let handled = 0;
  const container = new Container({ logger: false });
  const ws = new WebService('/');
  for (const name of ['ticks', 'orders']) {
    ws.post(`/${name}`).to(() => {
      handled++;
      return { ok: true };
    });
  }
  container.add(ws);
  return { container, handled: () => handled };
}

interface Way {
  readonly name: 'in-process' | 'HTTP';
  readonly runtime: InstanceType<typeof BindingsRuntime>;
}

async function way(
  name: Way['name'],
  extra: (r: InstanceType<typeof BindingsRuntime>) => void,
): Promise<Way> {
  const runtime = new BindingsRuntime({ logger });
  // An input binding whose schedule never fires during the run: events come from `deliver`.
  runtime.add({
    name: 'ticks',
    type: 'bindings.cron',
    metadata: { schedule: '@yearly', direction: 'input' },
  });
  extra(runtime);
  await runtime.start();
  return { name, runtime };
}

const inProcessApp = app();
const httpApp = app();
const { port } = await httpApp.container.listen({ port: 0, host: '127.0.0.1' });
const rabbitSkip = await serviceSkip('RabbitMQ', '127.0.0.1', 5672);
const queues = { 'in-process': `bindery-bench-${process.pid}-a`, HTTP: `bindery-bench-${process.pid}-b` };
const withRabbit = (queue: string) => (r: InstanceType<typeof BindingsRuntime>) => {
  if (rabbitSkip === false)
    r.add({
      name: 'orders',
      type: 'bindings.rabbitmq',
      metadata: { host: 'amqp://guest:guest@127.0.0.1:5672', queueName: queue, deleteWhenUnused: 'true' },
    });
};
const ways: Way[] = [
  await way('in-process', withRabbit(queues['in-process'])),
  await way('HTTP', withRabbit(queues.HTTP)),
];
await ways[0]!.runtime.deliverTo(inProcessApp.container);
await ways[1]!.runtime.deliverTo(httpAppChannel({ port }));
if (rabbitSkip !== false) progress(rabbitSkip);

/** Events per second for `count` deliveries with `concurrency` in flight. */
async function deliverRate(w: Way, count: number, concurrency: number): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  const worker = async () => {
    while (next < count) {
      next++;
      await w.runtime.deliver('ticks', payload);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** Events per second from publishing `count` messages until the app handled them all. */
async function brokerRate(w: Way, count: number): Promise<number> {
  const handled = w.name === 'in-process' ? inProcessApp.handled : httpApp.handled;
  const before = handled();
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await w.runtime.invoke('orders', 'create', payload);
  while (handled() - before < count) await new Promise((r) => setImmediate(r));
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

interface Row {
  readonly name: string;
  readonly inProcess: number;
  readonly http: number;
  readonly ratio: number;
}

async function measure(name: string, run: (w: Way) => Promise<number>): Promise<Row> {
  for (const w of ways) await run(w);
  const rates: Record<Way['name'], number[]> = { 'in-process': [], HTTP: [] };
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ways : [...ways].reverse();
    const got: Partial<Record<Way['name'], number>> = {};
    for (const w of order) got[w.name] = await run(w);
    rates['in-process'].push(got['in-process']!);
    rates.HTTP.push(got.HTTP!);
    ratios.push(got['in-process']! / got.HTTP!);
    progress(`${name}: round ${round + 1}/${rounds}`);
  }
  return { name, inProcess: median(rates['in-process']), http: median(rates.HTTP), ratio: median(ratios) };
}

const rows: Row[] = [
  await measure('deliver, 1 in flight', (w) => deliverRate(w, events, 1)),
  await measure('deliver, 32 in flight', (w) => deliverRate(w, events, 32)),
];
if (rabbitSkip === false)
  rows.push(await measure('RabbitMQ publish → app, end to end', (w) => brokerRate(w, Math.min(events, 200))));

const lines = [
  '## Input bindings: delivery in process vs over HTTP (sidecar)',
  '',
  `Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; ${rounds} rounds × ${events} events per way, interleaved.`,
  '',
  '| case | in-process events/s | HTTP events/s | in-process / HTTP |',
  '|---|---:|---:|---:|',
  ...rows.map(
    (r) => `| ${r.name} | ${r.inProcess.toFixed(0)} | ${r.http.toFixed(0)} | ${r.ratio.toFixed(2)}× |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
mkdirSync(dirname(values.json), { recursive: true });
writeFileSync(
  values.json,
  JSON.stringify({ date: new Date().toISOString(), node: process.version, rounds, events, rows }, null, 2),
);

for (const w of ways) await w.runtime.close();
await inProcessApp.container.close();
await httpApp.container.close();
