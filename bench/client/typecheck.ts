// Type-checking cost of a typed client: a generated app of 500 routes (50 services of 10) with a
// client calling every route, in Bindery and in Hono with `hc`, both checked in one run by
// `tsc --noEmit --extendedDiagnostics`. Reports the CPU time of each tsc process (user + sys)
// and the checker's instantiation and type counts. Needs `npm run build` first (the Bindery
// project reads the built declarations, as an application would). Usage:
//   npx tsx bench/client/typecheck.ts [--services 50] [--routes 10] [--runs 1] [--dist dist]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from './generate.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tscPath = createRequire(import.meta.url).resolve('typescript/lib/tsc.js');

interface Figures {
  cpuSeconds: number;
  instantiations: number;
  types: number;
  checkSeconds: number;
  memoryMb: number;
  errors: string;
}

// tsc runs inside a Node process that prints its own CPU usage when it exits, so the figure is
// exactly tsc's user + system time, however busy the machine's other cores are.
const wrapper = `
const [tsc, ...args] = process.argv.slice(1);
process.on('exit', () => {
  const cpu = process.cpuUsage();
  process.stderr.write('CPU_MICROS ' + (cpu.user + cpu.system) + '\\n');
});
process.argv = [process.argv[0], tsc, ...args];
await import(tsc);
`;

function figure(output: string, label: string): number {
  const match = new RegExp(`^${label}:\\s+([0-9.]+)`, 'm').exec(output);
  if (match === null) throw new Error(`tsc printed no "${label}"`);
  return Number(match[1]);
}

function check(project: string): Figures {
  const run = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', wrapper, tscPath, '-p', project, '--noEmit', '--extendedDiagnostics'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const cpu = /CPU_MICROS (\d+)/.exec(run.stderr);
  if (cpu === null) throw new Error(`tsc did not finish for ${project}:\n${run.stderr}`);
  const errors = run.stdout
    .split('\n')
    .filter((line) => line.includes('error TS'))
    .slice(0, 5)
    .join('\n');
  return {
    cpuSeconds: Number(cpu[1]) / 1e6,
    instantiations: figure(run.stdout, 'Instantiations'),
    types: figure(run.stdout, 'Types'),
    checkSeconds: figure(run.stdout, 'Check time'),
    memoryMb: figure(run.stdout, 'Memory used') / 1024,
    errors,
  };
}

const { values } = parseArgs({
  options: {
    services: { type: 'string', default: '50' },
    routes: { type: 'string', default: '10' },
    runs: { type: 'string', default: '1' },
    dist: { type: 'string', default: join(root, 'dist') },
  },
});
const shape = { services: Number(values.services), routes: Number(values.routes) };
const runs = Number(values.runs);
const out = join(root, 'node_modules/.cache/bindery-client-typecheck');
const projects = generate(out, shape, resolve(values.dist));

console.log(
  `${shape.services * shape.routes} routes (${shape.services} × ${shape.routes}), every route called`,
);
console.log('project   run  CPU s (user+sys)  check s  instantiations       types  memory MB');
for (let run = 1; run <= runs; run++) {
  for (const [name, project] of Object.entries(projects)) {
    const f = check(project);
    if (f.errors !== '') throw new Error(`${name} does not type-check:\n${f.errors}`);
    console.log(
      `${name.padEnd(8)} ${String(run).padStart(4)} ${f.cpuSeconds.toFixed(2).padStart(17)} ${f.checkSeconds
        .toFixed(2)
        .padStart(8)} ${String(f.instantiations).padStart(15)} ${String(f.types).padStart(11)} ${f.memoryMb
        .toFixed(0)
        .padStart(10)}`,
    );
  }
}
