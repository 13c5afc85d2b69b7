// `npm run bench:instructions`: the in-process comparison counted in machine instructions under
// valgrind instead of timed. Time on a shared machine swings several-fold between runs; an
// instruction count of the same code with the same inputs repeats far more closely (two repeats
// of GET / within 0.3%, of the order route within 0.8%), so differences of a few percent can be
// read.
//
// Each server runs alone in its own process: warm-up requests, then N counted requests, once
// with N and once with 2N. (count(2N) - count(N)) / N is the cost of one request once the JIT
// has settled, with start-up and warm-up cancelled out. Node runs with --predictable (no
// concurrent compiler or GC threads, fixed seeds) so that the JIT makes the same decisions every
// time. The collector must be just as repeatable: V8 sizes its heap from timings of its own
// collections and starts incremental marking from tasks the event loop runs when it gets to
// them, so under valgrind, whose speed follows the machine's load, a full collection fell at a
// different request in each run; each one also throws away optimized code that holds objects it
// freed, and recompiling that moved a run by up to 3.4 billion instructions. A fixed GC schedule
// (--predictable-gc-schedule: fixed young generation, fixed heap growth) and atomic full
// collections (--no-incremental-marking) put every collection at the same request in every run,
// for every server alike. Each count is still taken `--repeat` times and the lowest kept.
// Instructions are not time: cache misses and branch mispredictions are not in them. They
// complement `npm run bench`, not replace it.

import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import {
  type CountedRun,
  instructionTables,
  parseInstructionTotal,
  requireValgrind,
  VALGRIND,
} from './instruction-counts.js';
import { list, whole } from './options.js';
import { progress } from './samples.js';
import { PEER_NAMES } from './servers/index.js';
import { ROUTE_NAMES, type RouteName } from './spec.js';

const USAGE = `Usage: npm run bench:instructions -- [options]

  --servers a,b     servers to count (default node-http,bindery,fastify)
  --routes a,b      routes to count (default ${ROUTE_NAMES.join(',')})
  --warmup N        requests before counting (default 20000)
  --requests N      counted requests; the second run sends twice as many (default 100000)
  --repeat N        runs per count, the lowest kept (default 2)
  --jobs N          valgrind processes at once (default: the number of cores)
  --help            show this text

Needs valgrind on the PATH. One run takes 1-3 min; the defaults take about 30 minutes on 2 cores.
`;

const NODE_FLAGS = [
  '--predictable',
  '--predictable-gc-schedule',
  '--random-seed=1',
  '--hash-seed=1',
  '--no-memory-reducer',
  '--no-incremental-marking',
];

const { values } = parseArgs({
  options: {
    servers: { type: 'string', default: 'node-http,bindery,fastify' },
    routes: { type: 'string', default: ROUTE_NAMES.join(',') },
    warmup: { type: 'string', default: '20000' },
    requests: { type: 'string', default: '100000' },
    repeat: { type: 'string', default: '2' },
    jobs: { type: 'string', default: String(availableParallelism()) },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const warmUp = whole('warmup', values.warmup);
const requests = whole('requests', values.requests);
const repeat = whole('repeat', values.repeat);
const jobs = whole('jobs', values.jobs);
const routes = list('routes', values.routes, ROUTE_NAMES);
const wanted = list('servers', values.servers, PEER_NAMES);

requireValgrind('bench:instructions');

// Bundled so that no TypeScript loader (with its own thread) runs under valgrind. The bundle sits
// in bench/ because the peers find the build in dist/ relative to that folder.
const bundle = fileURLToPath(new URL('../.instructions-child.mjs', import.meta.url));
await build({
  entryPoints: [fileURLToPath(new URL('./instructions-child.ts', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile: bundle,
  logLevel: 'error',
});
const env = { ...process.env, NODE_ENV: 'production', BINDERY_BENCH_REQUIRE_DIST: '1' };

function run(command: string, args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** Instructions of one whole run: start-up, warm-up and `count` requests. */
async function countRun(server: string, route: RouteName, count: number): Promise<number> {
  const args = [...VALGRIND, process.execPath, ...NODE_FLAGS, bundle, 'run', server, route];
  const { code, stderr } = await run('valgrind', [...args, String(warmUp), String(count)]);
  const total = parseInstructionTotal(stderr);
  if (code !== 0 || total === undefined) {
    const tail = stderr.trim().split('\n').slice(-3).join(' ');
    throw new Error(`${server} ${route} failed (exit ${code}): ${tail}`);
  }
  return total;
}

/** Runs the tasks with at most `limit` at once, keeping their order in the results. */
async function pool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return results;
}

try {
  const servers: string[] = [];
  for (const server of wanted) {
    const checked = await run(process.execPath, [bundle, 'check', server]);
    if (checked.code === 0) servers.push(server);
    else progress(`skipping ${server}: ${checked.stderr.trim().split('\n').join('; ')}`);
  }
  const plan = servers.flatMap((server) =>
    routes.flatMap((route) =>
      Array.from({ length: repeat }, () =>
        [requests, 2 * requests].map((n) => ({ server, route, requests: n })),
      ).flat(),
    ),
  );
  progress(`instructions: ${plan.length} valgrind runs, ${jobs} at a time`);
  let done = 0;
  const runs: CountedRun[] = await pool(
    plan.map((job) => async () => {
      const instructions = await countRun(job.server, job.route, job.requests);
      progress(`instructions: ${++done}/${plan.length} (${job.server} ${job.route} ${job.requests})`);
      return { ...job, instructions };
    }),
    jobs,
  );
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(
    [
      '## Instructions per request',
      '',
      `Node ${process.version}, ${model}; valgrind cachegrind, node ${NODE_FLAGS.join(' ')}; ` +
        `${warmUp} warm-up requests, then ${requests} and ${2 * requests} counted, lowest of ${repeat} runs each.`,
      '',
      instructionTables(runs, servers, routes, requests),
    ].join('\n'),
  );
} finally {
  rmSync(bundle, { force: true });
}
