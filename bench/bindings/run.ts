import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { serviceSkip } from '../../test/support/services.js';
import { startSmtpServer } from '../../test/support/smtp-server.js';
import { loadBindery } from '../http/servers/bindery-entry.js';
import { type LatencySummary, median, summarize } from './stats.js';

const { BindingsRuntime, Container, daprHttpService } = await loadBindery();

/**
 * `npx tsx bench/bindings/run.ts [--rounds 15] [--calls 200] [--warmup 300]`: the invoke rate
 * of each component whose server is up (localstorage, Redis, PostgreSQL, MySQL, RabbitMQ, MQTT,
 * SMTP) and the cost of Dapr's HTTP API over calling the same component in process. Each round times `calls`
 * sequential invocations both ways, alternating which goes first, so drift on a busy machine
 * hits both; the report gives median and p10 per way and the ratio HTTP / in-process (the
 * median of the per-round ratios). Markdown goes to stdout, JSON to .bench-results/.
 */

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '15' },
    calls: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '300' },
    json: { type: 'string', default: '.bench-results/bindings.json' },
  },
});
const rounds = Number(values.rounds);
const calls = Number(values.calls);
const warmup = Number(values.warmup);

interface Case {
  readonly name: string;
  readonly binding: string;
  readonly operation: string;
  readonly metadata: Record<string, string>;
  readonly expected: string;
}

const progress = (text: string) => process.stderr.write(`${text}\n`);
const dir = mkdtempSync(join(tmpdir(), 'bindery-bench-'));
const redisKey = `bindery-bench-${process.pid}`;
const payload = JSON.stringify({ id: 42, items: [{ sku: 'A-1', qty: 2 }], note: 'x'.repeat(200) });

const runtime = new BindingsRuntime({ logger: pino({ level: 'warn' }) });
runtime.add({
  name: 'files',
  type: 'bindings.localstorage',
  metadata: { rootPath: dir, decodeBase64: 'false' },
});
const redisSkip = await serviceSkip('Redis', '127.0.0.1', 6379);
if (redisSkip === false)
  runtime.add({ name: 'cache', type: 'bindings.redis', metadata: { redisHost: '127.0.0.1:6379' } });
else progress(redisSkip);
// Every other component whose server is up: one typical operation each.
const skips: string[] = [];
const others: Case[] = [];
async function optional(
  service: [string, number, string],
  component: { name: string; type: string; metadata: Record<string, string> },
  c: Omit<Case, 'binding'>,
): Promise<void> {
  const skip = await serviceSkip(service[2], '127.0.0.1', service[1]);
  if (skip !== false) {
    skips.push(skip);
    return;
  }
  runtime.add({ ...component, metadata: { ...component.metadata, direction: 'output' } });
  others.push({ ...c, binding: component.name });
}
await optional(
  ['127.0.0.1', 5432, 'PostgreSQL'],
  {
    name: 'pg',
    type: 'bindings.postgresql',
    metadata: { connectionString: 'postgres://postgres@127.0.0.1:5432/test' },
  },
  { name: 'postgresql query', operation: 'query', metadata: { sql: 'SELECT 1 AS one' }, expected: '[[1]]' },
);
await optional(
  ['127.0.0.1', 3306, 'MariaDB'],
  { name: 'db', type: 'bindings.mysql', metadata: { url: 'root@tcp(127.0.0.1:3306)/test' } },
  { name: 'mysql query', operation: 'query', metadata: { sql: 'SELECT 1 AS one' }, expected: '[{"one":1}]' },
);
await optional(
  ['127.0.0.1', 5672, 'RabbitMQ'],
  {
    name: 'queue',
    type: 'bindings.rabbitmq',
    // Exclusive: the queue goes away with the bench's connection; messages expire meanwhile.
    metadata: {
      host: 'amqp://guest:guest@127.0.0.1:5672',
      queueName: `bindery-bench-${process.pid}`,
      exclusive: 'true',
      ttl: '5s',
    },
  },
  { name: 'rabbitmq create', operation: 'create', metadata: {}, expected: '' },
);
await optional(
  ['127.0.0.1', 1883, 'Mosquitto'],
  {
    name: 'topic',
    type: 'bindings.mqtt3',
    metadata: {
      url: 'tcp://127.0.0.1:1883',
      topic: `bindery/bench/${process.pid}`,
      consumerID: `bindery-bench-${process.pid}`,
    },
  },
  { name: 'mqtt3 create', operation: 'create', metadata: {}, expected: '' },
);
const smtp = await startSmtpServer().catch((error: unknown) => {
  skips.push(`SMTP server (python3-aiosmtpd) could not start: ${(error as Error).message.split('\n')[0]}`);
  return undefined;
});
if (smtp !== undefined) {
  runtime.add({
    name: 'mail',
    type: 'bindings.smtp',
    metadata: {
      host: '127.0.0.1',
      port: String(smtp.port),
      emailFrom: 'bench@example.com',
      emailTo: 'ops@example.com',
      subject: 'bench',
    },
  });
  others.push({ name: 'smtp create', binding: 'mail', operation: 'create', metadata: {}, expected: '' });
}
for (const skip of skips) progress(skip);
await runtime.start();

const cases: Case[] = [
  {
    name: 'localstorage get',
    binding: 'files',
    operation: 'get',
    metadata: { fileName: 'order.json' },
    expected: payload,
  },
];
await runtime.invoke('files', 'create', payload, { fileName: 'order.json' });
if (redisSkip === false) {
  await runtime.invoke('cache', 'create', payload, { key: redisKey });
  cases.push({
    name: 'redis get',
    binding: 'cache',
    operation: 'get',
    metadata: { key: redisKey },
    expected: payload,
  });
}
cases.push(...others);

const container = new Container({ logger: false });
container.add(daprHttpService(runtime, { apiToken: '' }));
const { port } = await container.listen({ port: 0, host: '127.0.0.1' });
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function viaHttp(c: Case): Promise<string> {
  const body = JSON.stringify({ operation: c.operation, metadata: c.metadata });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/v1.0/bindings/${c.binding}`,
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          res.statusCode === 200 || res.statusCode === 204
            ? resolve(Buffer.concat(chunks).toString())
            : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function direct(c: Case): Promise<string> {
  return (await runtime.invoke(c.binding, c.operation, undefined, c.metadata)).text();
}

async function timed(fn: () => Promise<string>, count: number, into: number[]): Promise<void> {
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await fn();
    into.push(Number(process.hrtime.bigint() - start));
  }
}

interface CaseResult {
  readonly name: string;
  readonly direct: LatencySummary;
  readonly http: LatencySummary;
  readonly ratio: number;
  readonly overheadUs: number;
}

const results: CaseResult[] = [];
for (const c of cases) {
  if ((await viaHttp(c)) !== c.expected || (await direct(c)) !== c.expected)
    throw new Error(`${c.name}: wrong answer`);
  await timed(() => direct(c), warmup, []);
  await timed(() => viaHttp(c), warmup, []);
  const all = { direct: [] as number[], http: [] as number[] };
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const d: number[] = [];
    const h: number[] = [];
    const order = round % 2 === 0 ? ['direct', 'http'] : ['http', 'direct'];
    for (const way of order) {
      if (way === 'direct') await timed(() => direct(c), calls, d);
      else await timed(() => viaHttp(c), calls, h);
    }
    ratios.push(median(h) / median(d));
    all.direct.push(...d);
    all.http.push(...h);
    progress(`${c.name}: round ${round + 1}/${rounds}`);
  }
  const directSummary = summarize(all.direct);
  const httpSummary = summarize(all.http);
  results.push({
    name: c.name,
    direct: directSummary,
    http: httpSummary,
    ratio: median(ratios),
    overheadUs: httpSummary.medianUs - directSummary.medianUs,
  });
}

const us = (n: number) => n.toFixed(1);
const lines = [
  '## Output bindings: Dapr HTTP API vs in-process invoke',
  '',
  `Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; ${rounds} rounds × ${calls} sequential calls per way, interleaved.`,
  '',
  '| case | in-process median µs | in-process p10 µs | in-process calls/s | HTTP median µs | HTTP p10 µs | HTTP / in-process | overhead µs |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  ...results.map(
    (r) =>
      `| ${r.name} | ${us(r.direct.medianUs)} | ${us(r.direct.p10Us)} | ${(1e6 / r.direct.medianUs).toFixed(0)} | ${us(r.http.medianUs)} | ${us(r.http.p10Us)} | ${r.ratio.toFixed(2)}× | ${us(r.overheadUs)} |`,
  ),
];
if (redisSkip !== false) lines.push('', `redis skipped: ${redisSkip}`);
for (const skip of skips) lines.push('', `skipped: ${skip}`);
process.stdout.write(`${lines.join('\n')}\n`);

mkdirSync(join(values.json, '..'), { recursive: true });
writeFileSync(
  values.json,
  JSON.stringify({ date: new Date().toISOString(), node: process.version, rounds, calls, results }, null, 2),
);

agent.destroy();
await container.close();
if (redisSkip === false) await runtime.invoke('cache', 'delete', undefined, { key: redisKey });
await runtime.close();
await smtp?.stop();
rmSync(dir, { recursive: true, force: true });
