// Scaling of `bindery serve`: requests/s and CPU per request with 1 and 2 workers, GET / under
// autocannon in this process while the cluster runs in its own process tree. Rounds alternate
// between the worker counts so the machine's noise falls on both alike.
//
//   npm run bench:cluster -- [--rounds 3] [--seconds 5] [--connections 64] [--workers 1,2]
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { treeCpuUs } from './process-cpu.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '64' },
    workers: { type: 'string', default: '1,2' },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const counts = values.workers.split(',').map(Number);

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const app = fileURLToPath(new URL('./hello-app.js', import.meta.url));

async function startCluster(workers: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [cli, 'serve', app, '--workers', String(workers), '--port', '0', '--log-level', 'warn'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /:(\d+) with/.exec(out);
      if (match !== null) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`bindery serve exited with ${code}`)));
  });
  return { child, port };
}

async function stopCluster(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

interface Sample {
  readonly rps: number;
  readonly cpuUsPerReq: number;
}

async function round(workers: number): Promise<Sample> {
  const { child, port } = await startCluster(workers);
  try {
    const url = `http://127.0.0.1:${port}/`;
    await autocannon({ url, connections, duration: 1 });
    const before = treeCpuUs(child.pid!);
    const result = await autocannon({ url, connections, duration: seconds });
    const cpu = treeCpuUs(child.pid!) - before;
    const served = result['2xx'];
    if (result.non2xx + result.errors + result.timeouts > 0)
      throw new Error(`${workers} worker(s): failed requests`);
    return { rps: served / result.duration, cpuUsPerReq: cpu / served };
  } finally {
    await stopCluster(child);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const samples = new Map<number, Sample[]>(counts.map((n) => [n, []]));
for (let r = 0; r < rounds; r++) {
  for (const workers of r % 2 === 0 ? counts : [...counts].reverse()) {
    samples.get(workers)!.push(await round(workers));
  }
}

const base = median(samples.get(counts[0]!)!.map((s) => s.rps));
console.log(
  `GET / through bindery serve, ${rounds} rounds of ${seconds} s, ${connections} connections (autocannon in a separate process)`,
);
console.log('| workers | req/s median (min–max) | vs 1 worker | CPU µs/req median (min–max) |');
console.log('|---:|---:|---:|---:|');
for (const workers of counts) {
  const list = samples.get(workers)!;
  const rps = list.map((s) => s.rps);
  const cpu = list.map((s) => s.cpuUsPerReq);
  const fmt = (n: number) => n.toFixed(0);
  const us = (n: number) => n.toFixed(1);
  console.log(
    `| ${workers} | ${fmt(median(rps))} (${fmt(Math.min(...rps))}–${fmt(Math.max(...rps))}) | ${(median(rps) / base).toFixed(2)}× | ${us(median(cpu))} (${us(Math.min(...cpu))}–${us(Math.max(...cpu))}) |`,
  );
}
