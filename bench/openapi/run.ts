// Time to build the OpenAPI document of 1,000 routes (`npm run bench:openapi`): each route has a
// typed path, a query and a body schema and two declared responses, like a real API's routes.
// The build is measured as users run it (dist/, see loadBuilt). Each build is timed on the clock
// and in CPU time: on a shared machine the clock also counts the time other processes held the
// CPU, the CPU time does not.
import { performance } from 'node:perf_hooks';
import type * as Bindery from '../../src/index.js';
import { loadBuilt } from '../built-module.js';

const { Container, t, WebService } = await loadBuilt<typeof Bindery>('index');

const ROUTES = 1000;
const BUILDS = 9;
const Item = t.Object({ id: t.Integer(), name: t.String(), tags: t.Array(t.String()) }, { $id: 'Item' });

function app(): Bindery.Container {
  const container = new Container({ logger: false });
  for (let s = 0; s < ROUTES / 10; s++) {
    const ws = new WebService(`/s${s}/{tenant:int min(1)}`).tags(`service-${s}`);
    for (let r = 0; r < 10; r++) {
      ws.post(`/r${r}/{id:uuid}`)
        .doc(`route ${r} of service ${s}`)
        .bind({
          query: t.Object({ page: t.Integer({ minimum: 1, default: 1 }), q: t.Optional(t.String()) }),
          body: t.Object({ name: t.String({ minLength: 1 }), qty: t.Integer({ minimum: 1 }) }),
        })
        .returns(201, 'created', Item)
        .returns(409, 'conflict')
        .to(() => ({ id: 1, name: 'x', tags: [] }));
    }
    container.add(ws);
  }
  return container;
}

const wall: number[] = [];
const cpu: number[] = [];
for (let run = 0; run < BUILDS; run++) {
  const container = app();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const document = await container.openapi();
  const used = process.cpuUsage(cpuStarted);
  wall.push(performance.now() - started);
  cpu.push((used.user + used.system) / 1000);
  if (Object.keys(document.paths).length !== ROUTES) throw new Error('not every route was documented');
}
const cached = app();
await cached.openapi();
const started = performance.now();
await cached.openapi();
const hit = performance.now() - started;

/** Median, lowest and highest, in milliseconds. */
function spread(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const ms = (n: number) => n.toFixed(1);
  return `median ${ms(sorted[Math.floor(sorted.length / 2)]!)} ms (min ${ms(sorted[0]!)}, max ${ms(sorted[sorted.length - 1]!)})`;
}
console.log(
  `OpenAPI document of ${ROUTES} routes, ${BUILDS} builds: clock ${spread(wall)}; CPU ${spread(cpu)}; cached call ${hit.toFixed(3)} ms`,
);
