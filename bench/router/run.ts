// Lookups per second of Bindery's Router against find-my-way, in one process.
//
//   npm run bench:router [-- --rounds 30 --batch 50000 --compiled --only resources]
//
// Each probe runs many short rounds that alternate the two routers (and which one goes first),
// so drift on a noisy machine hits both alike; the table reports the median and the 10th
// percentile (the slow tail) of the per-round rates. Rates are lookups per second of process
// CPU time, which time-slicing by other processes on a shared machine does not inflate. Every
// lookup gets a new path string made before the round starts, as a server gets a new `req.url`
// per request: reusing one literal would let V8's per-string caches hide work real traffic
// pays for.
//
// `--compiled` compares against find-my-way's opt-in compiled mode (`router.compile()`) instead
// of its default tree walk, which is what Fastify uses unless told otherwise.

import FindMyWay from 'find-my-way';
import type { Router } from '../../src/router/index.js';
import { loadBuilt } from '../built-module.js';
import { numberOption as option } from '../cli-option.js';
import { largeSets, multiParamSet } from './large-sets.js';
import {
  type BenchRoute,
  githubSet,
  type Probe,
  type ProbeSet,
  standardSet,
  toFindMyWay,
} from './route-sets.js';

const routerModule = await loadBuilt<typeof import('../../src/router/index.js')>('router/index');
const RouterClass = routerModule.Router;

const ROUNDS = option('rounds', 100);
const WARMUP_ROUNDS = 5;
const BATCH = option('batch', 20_000);
const COMPILED = process.argv.includes('--compiled');
/** `--only WORD` runs the sets whose title holds WORD (and `registration`), for a quick look. */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]! : '';

type Method = Parameters<FindMyWay.Instance<FindMyWay.HTTPVersion.V1>['find']>[0];

interface Pair {
  readonly bindery: Router<number>;
  readonly fmw: FindMyWay.Instance<FindMyWay.HTTPVersion.V1>;
}

function build(routes: readonly BenchRoute[]): Pair {
  const bindery = new RouterClass<number>();
  const fmw = FindMyWay();
  routes.forEach(({ method, template }, index) => {
    bindery.add(method, template, index);
    fmw.on(method as Method, toFindMyWay(template), () => index);
  });
  if (COMPILED) fmw.compile();
  return { bindery, fmw };
}

/** Fresh, flat copies of the probe paths, one per lookup, as the HTTP parser would make them. */
function freshPaths(paths: readonly string[]): string[] {
  const buffers = paths.map((path) => Buffer.from(path, 'latin1'));
  const out = new Array<string>(BATCH);
  for (let i = 0; i < BATCH; i++) out[i] = buffers[i % buffers.length]!.toString('latin1');
  return out;
}

// One loop per router, so neither call site sees the other's receiver.
/** Lookups per second of CPU time since `start`. */
function rate(count: number, start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (count / (used.user + used.system)) * 1e6;
}

function runBindery(router: Router<number>, method: string, paths: string[]): number {
  let hits = 0;
  const start = process.cpuUsage();
  for (let i = 0; i < paths.length; i++) if (router.lookup(method, paths[i]!).kind === 'found') hits++;
  const result = rate(paths.length, start);
  if (hits === -1) throw new Error('unreachable');
  return result;
}

function runFindMyWay(router: Pair['fmw'], method: Method, paths: string[]): number {
  let hits = 0;
  const start = process.cpuUsage();
  for (let i = 0; i < paths.length; i++) if (router.find(method, paths[i]!) !== null) hits++;
  const result = rate(paths.length, start);
  if (hits === -1) throw new Error('unreachable');
  return result;
}

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

interface Row {
  readonly probe: string;
  readonly bindery: readonly number[];
  readonly fmw: readonly number[];
}

/** Both routers must answer every probe path the same way, or the numbers mean nothing. */
function agree(pair: Pair, probe: Probe): void {
  for (const path of probe.paths) {
    const ours = pair.bindery.find(probe.method, path);
    const theirs = pair.fmw.find(probe.method as Method, path);
    const same =
      (ours === null) === (theirs === null) &&
      (ours === null || Object.values(ours.params).join('|') === Object.values(theirs!.params).join('|'));
    if (!same) throw new Error(`routers disagree on ${probe.method} ${path}`);
  }
}

function measure(pair: Pair, probe: Probe): Row {
  agree(pair, probe);
  const bindery: number[] = [];
  const fmw: number[] = [];
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    const ours = freshPaths(probe.paths);
    const theirs = freshPaths(probe.paths);
    let a: number;
    let b: number;
    if (round % 2 === 0) {
      a = runBindery(pair.bindery, probe.method, ours);
      b = runFindMyWay(pair.fmw, probe.method as Method, theirs);
    } else {
      b = runFindMyWay(pair.fmw, probe.method as Method, theirs);
      a = runBindery(pair.bindery, probe.method, ours);
    }
    if (round >= WARMUP_ROUNDS) {
      bindery.push(a);
      fmw.push(b);
    }
  }
  return { probe: probe.name, bindery, fmw };
}

const format = (opsPerSecond: number): string => Math.round(opsPerSecond).toLocaleString('en-US');

function table(set: ProbeSet): void {
  if (!set.title.includes(ONLY)) return;
  const pair = build(set.routes);
  console.log(`\n### ${set.title} (${set.routes.length} routes)\n`);
  console.log(
    `| probe | bindery median ops/s | bindery p10 | find-my-way${COMPILED ? ' (compiled)' : ''} median | find-my-way p10 | ratio |`,
  );
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const probe of set.probes) {
    const row = measure(pair, probe);
    const ours = [...row.bindery].sort((x, y) => x - y);
    const theirs = [...row.fmw].sort((x, y) => x - y);
    const ratio = quantile(ours, 0.5) / quantile(theirs, 0.5);
    console.log(
      `| ${row.probe} | ${format(quantile(ours, 0.5))} | ${format(quantile(ours, 0.1))} | ` +
        `${format(quantile(theirs, 0.5))} | ${format(quantile(theirs, 0.1))} | ${ratio.toFixed(2)}× |`,
    );
  }
}

/** Distinct templates of the kinds a large service has: statics, one and two parameters. */
function generated(count: number): BenchRoute[] {
  const routes: BenchRoute[] = [];
  for (let i = 0; routes.length < count; i++) {
    const base = `/api/v${i % 7}/res${i}`;
    routes.push({ method: 'GET', template: base });
    routes.push({ method: 'GET', template: `${base}/{id}` });
    routes.push({ method: 'PUT', template: `${base}/{id}` });
    routes.push({ method: 'GET', template: `${base}/{id}/items/{item}` });
  }
  return routes.slice(0, count);
}

/** CPU milliseconds since `start`, which other processes' load does not inflate as much as wall time. */
function milliseconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function registration(): void {
  if (!'registration'.includes(ONLY)) return;
  console.log('\n### Registration time (CPU ms, median of 5, of 3 for 100,000)\n');
  // The first dynamic lookup after a change generates the matching code: shown apart.
  console.log('| routes | bindery ms | µs per route | bindery first lookup ms | find-my-way ms |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const count of [1_000, 5_000, 10_000, 100_000]) {
    const routes = generated(count);
    const ours: number[] = [];
    const theirs: number[] = [];
    const first: number[] = [];
    for (let run = 0; run < (count > 10_000 ? 3 : 5); run++) {
      let start = process.cpuUsage();
      const router = new RouterClass<number>();
      for (let i = 0; i < routes.length; i++) router.add(routes[i]!.method, routes[i]!.template, i);
      ours.push(milliseconds(start));
      start = process.cpuUsage();
      if (router.lookup('GET', '/api/v1/res1/7').kind !== 'found') throw new Error('route not found');
      first.push(milliseconds(start));
      start = process.cpuUsage();
      const fmw = FindMyWay();
      for (let i = 0; i < routes.length; i++)
        fmw.on(routes[i]!.method as Method, toFindMyWay(routes[i]!.template), () => i);
      theirs.push(milliseconds(start));
    }
    ours.sort((x, y) => x - y);
    theirs.sort((x, y) => x - y);
    first.sort((x, y) => x - y);
    const median = quantile(ours, 0.5);
    console.log(
      `| ${count.toLocaleString('en-US')} | ${median.toFixed(1)} | ${((median * 1000) / count).toFixed(1)} | ` +
        `${quantile(first, 0.5).toFixed(1)} | ` +
        `${quantile(theirs, 0.5).toFixed(1)} |`,
    );
  }
}

const started = Date.now();
console.log(
  `node ${process.version}, ${ROUNDS} rounds of ${BATCH.toLocaleString('en-US')} lookups per router and probe`,
);
table(standardSet);
table(githubSet);
table(multiParamSet);
for (const set of largeSets) table(set);
registration();
console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);
