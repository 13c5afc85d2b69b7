// What injection costs a request end to end, in-process (no sockets): the same route served
// with and without dependencies, interleaved rounds, process CPU per request.
//
//   npx tsx bench/inject/http.ts [--rounds 30 --requests 20000]
//
// The injected route names three singletons and one request-scoped value built from the
// Context, so each request creates a RequestScope, resolves, and disposes it at the end.
// Bindery runs from dist/ (npm run build) when it exists, as users run it.

import { numberOption as option } from '../cli-option.js';
import { FakeConnection, prepare } from '../http/fake-connection.js';
import { loadBindery } from '../http/servers/bindery-entry.js';
import { median, percentile } from '../http/stats.js';
import { Clock, Repo } from './fixtures.js';

const ROUNDS = option('rounds', 30);
const REQUESTS = option('requests', 20_000);
const CONNECTIONS = 10;

const { Container, WebService, contextToken, factory, token, useClass, value } = await loadBindery();

const Config = token<{ region: string }>('Config');
const User = token<{ id: string }>('User');

const ws = new WebService('/');
ws.get('/plain').to(() => ({ ok: 1, user: 'u' }));
ws.get('/injected')
  .inject({ clock: Clock, repo: Repo, config: Config, user: User })
  .to((_input, deps) => ({ ok: deps.clock.now(), user: deps.user.id }));
const container = new Container()
  .provide(Clock, useClass(Clock))
  .provide(Repo, useClass(Repo))
  .provide(Config, value({ region: 'eu' }))
  .provide(
    User,
    factory({ ctx: contextToken }, ({ ctx }) => ({ id: ctx.method === 'GET' ? 'u' : 'x' }), {
      scope: 'request',
    }),
  )
  .add(ws);
await container.ready();

const connections = Array.from({ length: CONNECTIONS }, () => new FakeConnection(container.handler));
const requests = {
  plain: prepare({ method: 'GET', url: '/plain', headers: {} }),
  injected: prepare({ method: 'GET', url: '/injected', headers: {} }),
};

async function round(name: keyof typeof requests): Promise<number> {
  const request = requests[name];
  const start = process.cpuUsage();
  await Promise.all(
    connections.map(async (connection, lane) => {
      for (let i = lane; i < REQUESTS; i += CONNECTIONS) {
        if ((await connection.send(request)) !== 200) throw new Error(`${name} did not answer 200`);
      }
    }),
  );
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / REQUESTS;
}

const samples: Record<keyof typeof requests, number[]> = { plain: [], injected: [] };
for (let r = 0; r < 3; r++) {
  await round('plain');
  await round('injected');
}
for (let r = 0; r < ROUNDS; r++) {
  const order: (keyof typeof requests)[] = r % 2 === 0 ? ['plain', 'injected'] : ['injected', 'plain'];
  for (const name of order) samples[name].push(await round(name));
}
await container.close();

const row = (name: keyof typeof requests) =>
  `| ${name} | ${Math.round(median(samples[name]))} | ${Math.round(percentile(samples[name], 10))} |`;
const ratio = (p: (v: number[]) => number) => (p(samples.injected) / p(samples.plain)).toFixed(3);
console.log(
  `\n### Injection overhead per request (in-process, CPU ns/request, ${ROUNDS} rounds × ${REQUESTS})\n`,
);
console.log('| route | median | p10 |');
console.log('| --- | ---: | ---: |');
console.log(row('plain'));
console.log(row('injected'));
// Each round measures both routes back to back, so the ratio within a round cancels the slow
// drift of a shared machine; its median is the steadiest figure.
const paired = samples.injected.map((v, i) => v / samples.plain[i]!);
console.log(
  `\ninjected / plain: ${ratio(median)}× median, ${ratio((v) => percentile(v, 10))}× p10, ` +
    `${median(paired).toFixed(3)}× median of per-round ratios (target ≤ 1.05×)`,
);
