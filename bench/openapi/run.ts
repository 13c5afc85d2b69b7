// Time to build the OpenAPI document of 1,000 routes (`npm run bench:openapi`): each route has a
// typed path, a query and a body schema and two declared responses, like a real API's routes.
import { performance } from 'node:perf_hooks';
import { Container, t, WebService } from '../../src/index.js';

const ROUTES = 1000;
const Item = t.Object({ id: t.Integer(), name: t.String(), tags: t.Array(t.String()) }, { $id: 'Item' });

function app(): Container {
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

const runs: number[] = [];
for (let run = 0; run < 5; run++) {
  const container = app();
  const start = performance.now();
  const document = await container.openapi();
  runs.push(performance.now() - start);
  if (Object.keys(document.paths).length !== ROUTES) throw new Error('not every route was documented');
}
const cached = app();
await cached.openapi();
const start = performance.now();
await cached.openapi();
const hit = performance.now() - start;
runs.sort((a, b) => a - b);
console.log(
  `OpenAPI document of ${ROUTES} routes: first build median ${runs[2]!.toFixed(1)} ms (min ${runs[0]!.toFixed(1)}, max ${runs[4]!.toFixed(1)}); cached call ${hit.toFixed(3)} ms`,
);
