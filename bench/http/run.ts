import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, availableParallelism, cpus, loadavg, platform } from 'node:os';
import { dirname } from 'node:path';
import { checkPeer } from './check.js';
import { runInProcess } from './inproc-mode.js';
import { type Options, parseOptions, USAGE } from './options.js';
import { PeerProcess } from './peer-process.js';
import { type Summaries, summarizeAll, table } from './report.js';
import { type Mode, progress, type Samples } from './samples.js';
import { runSockets } from './socket-mode.js';
import { socketSend } from './socket-send.js';

/**
 * `npm run bench`: Bindery against Fastify, Hono, Express, Koa and a hand-written node:http
 * server on the same two routes, in process (primary) and over sockets (confirmation). Progress
 * goes to stderr, the markdown report to stdout.
 */

function environment(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `Node ${process.version}, ${platform()} ${arch()}, ${availableParallelism()} cores (${model})`;
}

/** Other work on the machine shows in every figure, so the report says how busy it was. */
function load(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

/**
 * Starts `forks` processes per server, fork-major ([a0, b0, a1, b1, …]) so a round visits each
 * server's processes far apart. A server whose first process fails is skipped altogether.
 */
async function startAll(options: Options, skipped: Map<string, string>): Promise<PeerProcess[]> {
  const peers: PeerProcess[] = [];
  let names = options.servers;
  for (let fork = 0; fork < options.forks; fork++) {
    const started = await Promise.all(names.map((name) => PeerProcess.start(name, fork)));
    started.forEach((result, i) => {
      const name = names[i]!;
      if (result.ok) peers.push(result.process);
      else if (!skipped.has(name)) {
        skipped.set(name, result.reason);
        progress(`skipping ${name}: ${result.reason}`);
      }
    });
    names = names.filter((name) => !skipped.has(name));
  }
  return peers;
}

/**
 * Runs the spec's cases against every process and keeps the servers whose processes all answer
 * exactly as specified.
 */
async function admit(
  mode: Mode,
  peers: readonly PeerProcess[],
  check: (peer: PeerProcess) => Promise<string[]>,
  refused: Map<string, string>,
): Promise<PeerProcess[]> {
  const failing = new Set<string>();
  for (const peer of peers) {
    if (failing.has(peer.name)) continue;
    const problems = await check(peer);
    if (problems.length === 0) continue;
    failing.add(peer.name);
    refused.set(`${peer.name} (${mode})`, problems.join('; '));
    progress(`refusing ${peer.name} in ${mode} mode, its answers differ from the spec:`);
    for (const problem of problems) progress(`  - ${problem}`);
  }
  return peers.filter((peer) => !failing.has(peer.name));
}

function names(peers: readonly PeerProcess[]): string {
  return [...new Set(peers.map((p) => p.name))].join(', ');
}

async function measure(options: Options, peers: readonly PeerProcess[], refused: Map<string, string>) {
  const results = new Map<Mode, Samples>();
  if (options.modes.includes('inproc')) {
    const admitted = await admit('inproc', peers, (peer) => peer.call('check', {}), refused);
    progress(`inproc: measuring ${names(admitted)} with ${options.forks} processes each`);
    results.set(
      'inproc',
      await runInProcess(admitted, {
        routes: options.routes,
        rounds: options.inprocRounds,
        roundMs: options.inprocMs,
        connections: options.connections,
      }),
    );
  }
  if (options.modes.includes('socket')) {
    // One process per server: each needs a warm-up under load, which is what takes the time here.
    const first = peers.filter((peer) => peer.fork === 0);
    const ports = new Map<PeerProcess, number>();
    for (const peer of first) ports.set(peer, (await peer.call('listen', {})).port);
    const admitted = await admit('socket', first, (peer) => checkPeer(socketSend(ports.get(peer)!)), refused);
    progress(`socket: measuring ${names(admitted)}`);
    const chosen = new Map(admitted.map((peer) => [peer, ports.get(peer)!]));
    results.set(
      'socket',
      await runSockets(chosen, {
        routes: options.routes,
        rounds: options.rounds,
        seconds: options.duration,
        connections: options.connections,
      }),
    );
  }
  return results;
}

interface Run {
  readonly options: Options;
  readonly skipped: Map<string, string>;
  readonly refused: Map<string, string>;
  readonly loadBefore: string;
  loadAfter?: string;
}

function render(run: Run, summaries: ReadonlyMap<Mode, Summaries>): string {
  const { options } = run;
  const args = process.argv.slice(2).join(' ');
  const command = args === '' ? 'npm run bench' : `npm run bench -- ${args}`;
  const lines = [
    '## HTTP benchmark',
    '',
    `${environment()}; load average ${run.loadBefore} before, ${run.loadAfter} after; \`${command}\``,
    '',
    `inproc: ${options.inprocRounds} rounds of ~${options.inprocMs} ms in each of ${options.forks} processes per server, ` +
      `${options.connections} fake connections; socket: ${options.rounds} rounds of ${options.duration} s, ` +
      `${options.connections} connections (autocannon). p10 is the 10th percentile of the per-round values; ` +
      'cost ratios compare medians, then p10s in parentheses.',
  ];
  for (const [name, reason] of run.skipped) lines.push('', `Skipped ${name}: ${reason}`);
  for (const [name, reason] of run.refused) lines.push('', `Refused ${name}: ${reason}`);
  for (const [mode, byRoute] of summaries) {
    for (const route of options.routes) {
      const byServer = byRoute.get(route);
      if (byServer !== undefined) lines.push('', table(mode, route, byServer));
    }
  }
  return `${lines.join('\n')}\n`;
}

function writeJson(
  file: string,
  run: Run,
  results: ReadonlyMap<Mode, Samples>,
  summaries: ReadonlyMap<Mode, Summaries>,
) {
  const plain = (samples: ReadonlyMap<string, ReadonlyMap<string, unknown>>) =>
    Object.fromEntries([...samples].map(([key, inner]) => [key, Object.fromEntries(inner)]));
  const json = {
    environment: environment(),
    node: process.version,
    cores: availableParallelism(),
    loadAverage: { before: run.loadBefore, after: run.loadAfter },
    date: new Date().toISOString(),
    options: run.options,
    skipped: Object.fromEntries(run.skipped),
    refused: Object.fromEntries(run.refused),
    summary: Object.fromEntries([...summaries].map(([mode, s]) => [mode, plain(s)])),
    rounds: Object.fromEntries([...results].map(([mode, s]) => [mode, plain(s)])),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  progress(`wrote ${file}`);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  progress(`${environment()}; load average ${load()}`);
  const run: Run = { options, skipped: new Map(), refused: new Map(), loadBefore: load() };
  const peers = await startAll(options, run.skipped);
  try {
    const results = await measure(options, peers, run.refused);
    run.loadAfter = load();
    const summaries = new Map([...results].map(([mode, samples]) => [mode, summarizeAll(samples)]));
    process.stdout.write(render(run, summaries));
    if (options.json !== undefined) writeJson(options.json, run, results, summaries);
  } finally {
    await Promise.all(peers.map((peer) => peer.stop()));
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
