// `npm run bench:footprint`: what installing and importing Bindery costs a user, beside Fastify.
// Packs this package, installs the tarball into a fresh folder with `--engine-strict` (so a
// dependency that refuses this Node fails the run), installs Fastify from the registry into
// another, then prints installed size, package count and the root entry's `import()` time (the
// median of fresh processes) with the ratio Bindery / Fastify. `--runs N` sets the process count.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberOption } from '../cli-option.js';
import { installSize } from './install-size.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runs = numberOption('runs', 15);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  devDependencies: Record<string, string>;
};
const fastifyVersion = pkg.devDependencies.fastify;

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

/**
 * A fresh ESM project with one package installed the way a user would. Bindery is installed
 * with `--engine-strict`; Fastify without it, as its own dependencies (cookie@2 through
 * light-my-request) ask for Node 22 and would refuse on Node 20.
 */
function freshProject(spec: string, engineStrict: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'bindery-footprint-'));
  const manifest = { name: 'footprint', private: true, type: 'module' };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  const strict = engineStrict ? ['--engine-strict'] : [];
  npm(['install', ...strict, '--no-audit', '--no-fund', '--loglevel=error', spec], dir);
  return dir;
}

interface ImportCost {
  /** Wall-clock milliseconds, what a user waits. */
  readonly wall: number;
  /** CPU milliseconds of the process meanwhile: steadier than wall time on a busy machine. */
  readonly cpu: number;
}

/** What `import(name)` costs in a fresh node process, measured inside it. */
function importCost(dir: string, name: string): ImportCost {
  const script = [
    'const cpu = process.cpuUsage();',
    'const start = performance.now();',
    `await import(${JSON.stringify(name)});`,
    'const wall = performance.now() - start;',
    'const used = process.cpuUsage(cpu);',
    'console.log(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));',
  ].join('\n');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: dir,
    encoding: 'utf8',
  });
  return JSON.parse(out) as ImportCost;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Footprint {
  readonly bytes: number;
  readonly packages: number;
  readonly importMs: number;
  readonly importCpuMs: number;
}

function measure(dir: string, name: string): Footprint {
  const size = installSize(dir);
  importCost(dir, name); // the first run warms the file system cache
  const costs: ImportCost[] = [];
  for (let i = 0; i < runs; i++) costs.push(importCost(dir, name));
  return {
    ...size,
    importMs: median(costs.map((c) => c.wall)),
    importCpuMs: median(costs.map((c) => c.cpu)),
  };
}

const packDir = mkdtempSync(join(tmpdir(), 'bindery-pack-'));
const folders: string[] = [packDir];
try {
  const tarball = npm(['pack', '--silent', '--pack-destination', packDir], root).trim().split('\n').pop()!;
  const binderyDir = freshProject(join(packDir, tarball), true);
  folders.push(binderyDir);
  const fastifyDir = freshProject(`fastify@${fastifyVersion}`, false);
  folders.push(fastifyDir);

  const bindery = measure(binderyDir, pkg.name);
  const fastify = measure(fastifyDir, 'fastify');
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  console.log(`Node ${process.version}, ${runs} fresh processes per import (median)\n`);
  console.log(`| | ${pkg.name} ${pkg.version} | fastify ${fastifyVersion} | ratio |`);
  console.log('|---|---|---|---|');
  console.log(
    `| installed size | ${mb(bindery.bytes)} | ${mb(fastify.bytes)} | ${ratio(bindery.bytes, fastify.bytes)} |`,
  );
  console.log(
    `| packages | ${bindery.packages} | ${fastify.packages} | ${ratio(bindery.packages, fastify.packages)} |`,
  );
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(
    `| import() of the root entry, wall | ${ms(bindery.importMs)} | ${ms(fastify.importMs)} | ${ratio(bindery.importMs, fastify.importMs)} |`,
  );
  console.log(
    `| import() of the root entry, CPU | ${ms(bindery.importCpuMs)} | ${ms(fastify.importCpuMs)} | ${ratio(bindery.importCpuMs, fastify.importCpuMs)} |`,
  );
} finally {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
}
