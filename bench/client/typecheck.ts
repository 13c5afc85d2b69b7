// Type-checking cost of a typed client: a generated app of 500 routes (50 services of 10) with a
// client calling every route, in Bindery and in Hono with `hc`, both checked in one run by
// `tsc --noEmit --extendedDiagnostics`. Reports the CPU time of each tsc process (user + sys)
// and the checker's instantiation and type counts. Needs `npm run build` first (the Bindery
// project reads the built declarations, as an application would). Usage:
//   npx tsx bench/client/typecheck.ts [--services 50] [--routes 10] [--runs 1] [--dist dist]
//     [--instructions]
// CPU time on a shared machine moves by a quarter or more between sittings. `--instructions`
// also counts every instruction of each tsc under valgrind (cachegrind), which does not depend
// on load: Node runs single-threaded there, so its collector and compiler work is counted on the
// one thread. It takes some minutes per project. `--services 0` checks the same libraries with
// no routes: the floor every project pays before its first route.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseInstructionTotal, requireValgrind, VALGRIND } from '../http/instruction-counts.js';
import { generate } from './generate.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tscPath = createRequire(import.meta.url).resolve('typescript/lib/tsc.js');

interface Figures {
  cpuSeconds: number;
  /** Every instruction of the tsc process under valgrind; undefined without `--instructions`. */
  instructions: number | undefined;
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

function check(project: string, counted: boolean): Figures {
  const node = [
    '--input-type=module',
    '-e',
    wrapper,
    tscPath,
    '-p',
    project,
    '--noEmit',
    '--extendedDiagnostics',
  ];
  // Counted, the same Node runs under valgrind, single-threaded so every thread's work is on one.
  const [command, args] = counted
    ? ['valgrind', [...VALGRIND, process.execPath, '--single-threaded', ...node]]
    : [process.execPath, node];
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const cpu = /CPU_MICROS (\d+)/.exec(run.stderr);
  if (cpu === null) throw new Error(`tsc did not finish for ${project}:\n${run.stderr}`);
  const errors = run.stdout
    .split('\n')
    .filter((line) => line.includes('error TS'))
    .slice(0, 5)
    .join('\n');
  const instructions = counted ? parseInstructionTotal(run.stderr) : undefined;
  if (counted && instructions === undefined) throw new Error(`valgrind printed no total for ${project}`);
  return {
    cpuSeconds: Number(cpu[1]) / 1e6,
    instructions,
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
    instructions: { type: 'boolean', default: false },
  },
});
const counted = values.instructions;
if (counted) requireValgrind('bench:client-types --instructions');
const shape = { services: Number(values.services), routes: Number(values.routes) };
const runs = Number(values.runs);
const out = join(root, 'node_modules/.cache/bindery-client-typecheck');
const projects = generate(out, shape, resolve(values.dist));

console.log(
  `${shape.services * shape.routes} routes (${shape.services} × ${shape.routes}), every route called`,
);
console.log(
  `project   run  CPU s (user+sys)  check s  instantiations       types  memory MB${counted ? '  instructions' : ''}`,
);
const fewest = new Map<string, number>();
for (let run = 1; run <= runs; run++) {
  for (const [name, project] of Object.entries(projects)) {
    const f = check(project, counted);
    if (f.errors !== '') throw new Error(`${name} does not type-check:\n${f.errors}`);
    const count = f.instructions === undefined ? '' : f.instructions.toLocaleString('en-US').padStart(16);
    if (f.instructions !== undefined)
      fewest.set(name, Math.min(fewest.get(name) ?? Infinity, f.instructions));
    console.log(
      `${name.padEnd(8)} ${String(run).padStart(4)} ${f.cpuSeconds.toFixed(2).padStart(17)} ${f.checkSeconds
        .toFixed(2)
        .padStart(8)} ${String(f.instantiations).padStart(15)} ${String(f.types).padStart(11)} ${f.memoryMb
        .toFixed(0)
        .padStart(10)}${count}`,
    );
  }
}
const [bindery, hono] = [fewest.get('bindery'), fewest.get('hono')];
if (bindery !== undefined && hono !== undefined) {
  console.log(`instructions, fewest of each: Bindery / Hono = ${(bindery / hono).toFixed(3)}×`);
}
