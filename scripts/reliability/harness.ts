// What the reliability runs share: starting the target service, sampling its memory and open
// descriptors from /proc, and a keep-alive load loop that classifies every failure.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Target {
  readonly child: ChildProcess;
  readonly port: number;
  readonly dataDir: string;
  /** Orders stored on disk so far. */
  storedOrders(): Promise<number>;
  stop(): Promise<number | null>;
}

export async function startTarget(): Promise<Target> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bindery-reliability-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./target.ts', import.meta.url).pathname],
    {
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n')[0];
      if (text.includes('\n') && line !== undefined) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`the target exited early (${code})`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    port,
    dataDir,
    storedOrders: () => countFiles(dataDir),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

async function countFiles(dir: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) count++;
  return count;
}

export interface Sample {
  readonly rssMiB: number;
  readonly fds: number;
}

/** The process's resident memory and open descriptors (Linux /proc). */
export async function sample(pid: number): Promise<Sample> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  const fds = (await readdir(`/proc/${pid}/fd`)).length;
  return { rssMiB: rss / 1024, fds };
}

export interface LoadTally {
  ok: number;
  /** Answers with an unexpected status. */
  failed: number;
  /** Requests that got no answer: reset, hung up or timed out. */
  lost: number;
  /** Connections refused once the server stopped listening (not requests lost). */
  refused: number;
  created: number;
}

export function newTally(): LoadTally {
  return { ok: 0, failed: 0, lost: 0, refused: 0, created: 0 };
}

/** One request of the mix: list shops, read a shop, or place an order. */
function oneRequest(port: number, agent: Agent, n: number, tally: LoadTally): Promise<void> {
  const order = n % 3 === 0;
  const body = order ? JSON.stringify({ item: 'tea', qty: 1 + (n % 5) }) : undefined;
  const headers: Record<string, string> = order
    ? {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body!)),
        'x-request-id': randomUUID(),
        cookie: 'session=soak',
      }
    : {};
  const path = order ? '/shops/1/orders' : n % 3 === 1 ? '/shops' : '/shops/2';
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, method: order ? 'POST' : 'GET', path, headers, agent, timeout: 10_000 },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status === (order ? 201 : 200)) tally.ok++;
          else tally.failed++;
          if (order && status === 201) tally.created++;
          resolve();
        });
        res.on('error', () => {
          tally.lost++;
          resolve();
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') tally.refused++;
      else tally.lost++;
      resolve();
    });
    req.end(body);
  });
}

/** Runs `connections` keep-alive loops until `stop()` resolves true. */
export async function load(
  port: number,
  connections: number,
  running: () => boolean,
  tally: LoadTally,
): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  let n = 0;
  const loop = async () => {
    while (running()) {
      const before = tally.refused;
      await oneRequest(port, agent, n++, tally);
      // Once refused, the server is gone: wait instead of spinning.
      if (tally.refused !== before) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  agent.destroy();
}

/** A whole number read from the environment, or the default. */
export function envNumber(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0)
    throw new Error(`${name} must be a positive number, not ${value}`);
  return parsed;
}
