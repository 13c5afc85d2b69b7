// Cost of resolving a route's dependencies, in one process.
//
//   npx tsx bench/inject/run.ts [--rounds 40 --batch 200000]
//
// Plans are compiled and prepared as the container does at startup, then resolved in a tight
// loop. Rounds alternate the variants (rotating which goes first) so drift on a noisy machine
// hits all alike. Each round is timed in process CPU time (user + system), not wall time, so a
// shared machine's preemption does not count; the table shows CPU nanoseconds per resolve: the
// median round, and the 10th and 90th percentiles (p90 is the slow tail).
//
// Under tsx every class gets its `name` redefined (esbuild's keepNames), which takes V8 off its
// fast `instanceof` path; a build made by tsc does not pay that. The injector does one
// `instanceof` per request-time value, so numbers here are slightly pessimistic.
//
// Variants:
//   empty           a route without dependencies (what every plain route pays)
//   3 singletons    three singletons: the prebuilt, shared deps object
//   3 + 1 request   three singletons and one request-scoped value built from the seeded
//                   Context, including the RequestScope the pipeline creates per request
//   … + dispose     the same, and the scope disposed at the end of the request
import {
  compilePlan,
  factory,
  ProviderRegistry,
  RequestScope,
  type ResolutionPlan,
  seeded,
  token,
  useClass,
  value,
} from '../../src/inject/index.js';
import { numberOption as option } from '../cli-option.js';
import { Clock, Repo } from './fixtures.js';

const ROUNDS = option('rounds', 40);
const WARMUP_ROUNDS = 5;
const BATCH = option('batch', 200_000);

const Config = token<{ port: number }>('Config');
const Context = seeded<{ id: number }>('Context');
const User = token<{ id: number }>('User');

const registry = new ProviderRegistry()
  .provide(Clock, useClass(Clock))
  .provide(Repo, useClass(Repo))
  .provide(Config, value({ port: 80 }))
  .provide(
    User,
    factory({ ctx: Context }, ({ ctx }) => ({ id: ctx.id }), { scope: 'request' }),
  );

const empty = compilePlan(registry, {}, 'route GET /empty');
const singletons = compilePlan(registry, { clock: Clock, repo: Repo, config: Config }, 'route GET /s');
const mixed = compilePlan(registry, { clock: Clock, repo: Repo, config: Config, user: User }, 'route GET /m');
await Promise.all([empty.prepare(), singletons.prepare(), mixed.prepare()]);

const contexts = Array.from({ length: 1024 }, (_, id) => ({ id }));

// One loop per variant, so each call site sees one shape.
/** CPU nanoseconds used since `start` (a process.cpuUsage() reading). */
function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) * 1000;
}

function runEmpty(plan: ResolutionPlan<unknown>): number {
  let sink = 0;
  const start = process.cpuUsage();
  for (let i = 0; i < BATCH; i++) if (plan.resolve(RequestScope.none) !== undefined) sink++;
  const elapsed = cpuSince(start);
  if (sink !== BATCH) throw new Error('unexpected result');
  return elapsed / BATCH;
}

function runSingletons(plan: ResolutionPlan<{ readonly config: { port: number } }>): number {
  let sink = 0;
  const start = process.cpuUsage();
  for (let i = 0; i < BATCH; i++)
    sink += (plan.resolve(RequestScope.none) as { config: { port: number } }).config.port;
  const elapsed = cpuSince(start);
  if (sink !== BATCH * 80) throw new Error('unexpected result');
  return elapsed / BATCH;
}

function runMixed(plan: ResolutionPlan<{ readonly user: { id: number } }>): number {
  let sink = 0;
  const start = process.cpuUsage();
  for (let i = 0; i < BATCH; i++) {
    const scope = new RequestScope([[Context, contexts[i & 1023]]]);
    sink += (plan.resolve(scope) as { user: { id: number } }).user.id;
  }
  const elapsed = cpuSince(start);
  if (sink < 0) throw new Error('unexpected result');
  return elapsed / BATCH;
}

function runMixedDispose(plan: ResolutionPlan<{ readonly user: { id: number } }>): number {
  let sink = 0;
  const start = process.cpuUsage();
  for (let i = 0; i < BATCH; i++) {
    const scope = new RequestScope([[Context, contexts[i & 1023]]]);
    sink += (plan.resolve(scope) as { user: { id: number } }).user.id;
    void scope.dispose();
  }
  const elapsed = cpuSince(start);
  if (sink < 0) throw new Error('unexpected result');
  return elapsed / BATCH;
}

const variants: [string, () => number][] = [
  ['empty', () => runEmpty(empty)],
  ['3 singletons', () => runSingletons(singletons)],
  ['3 + 1 request', () => runMixed(mixed)],
  ['… + dispose', () => runMixedDispose(mixed)],
];

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (at - low);
}

const samples = new Map<string, number[]>(variants.map(([name]) => [name, []]));
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  for (let k = 0; k < variants.length; k++) {
    const [name, run] = variants[(round + k) % variants.length] as [string, () => number];
    const ns = run();
    if (round >= WARMUP_ROUNDS) samples.get(name)?.push(ns);
  }
}

console.log(`node ${process.version}, ${ROUNDS} rounds × ${BATCH} resolves per variant\n`);
console.log('variant          median ns   p10 ns   p90 ns   (CPU time per resolve)');
for (const [name, list] of samples) {
  const sorted = [...list].sort((a, b) => a - b);
  const cells = [0.5, 0.1, 0.9].map((q) => quantile(sorted, q).toFixed(1).padStart(8));
  console.log(`${name.padEnd(15)} ${cells[0]}   ${cells[1]} ${cells[2]}`);
}
