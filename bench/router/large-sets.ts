import type { BenchRoute, ProbeSet } from './route-sets.js';

const get = (template: string): BenchRoute => ({ method: 'GET', template });

/**
 * `count` resources of three routes each, spread over seven API versions: a generated API of the
 * size a large service reaches, where one node holds `count / 7` literal siblings.
 */
function resources(count: number): ProbeSet {
  const routes: BenchRoute[] = [];
  for (let i = 0; i < count; i++) {
    const base = `/api/v${i % 7}/res${i}/items`;
    routes.push(get(base), get(`${base}/{id:int}`), get(`${base}/{id:int}/sub/{name}`));
  }
  // Resources spread over the table, so no probe is the first or last sibling by luck.
  const picks = [0.13, 0.37, 0.61, 0.89].map((share) => Math.floor(count * share));
  const base = (i: number): string => `/api/v${i % 7}/res${i}/items`;
  return {
    title: `${count.toLocaleString('en-US')} resources × 3 routes`,
    routes,
    probes: [
      { name: 'static hit', method: 'GET', paths: picks.map(base) },
      { name: 'one int param', method: 'GET', paths: picks.map((i) => `${base(i)}/${i * 7 + 3}`) },
      { name: 'two params', method: 'GET', paths: picks.map((i) => `${base(i)}/${i + 11}/sub/alpha`) },
      {
        name: 'miss: unknown resource',
        method: 'GET',
        paths: picks.map((i) => `/api/v${i % 7}/res${i + count}/items/5`),
      },
      {
        name: 'miss: unknown sub-path',
        method: 'GET',
        paths: picks.map((i) => `${base(i)}/5/other/alpha`),
      },
      { name: 'miss: not an int', method: 'GET', paths: picks.map((i) => `${base(i)}/abc`) },
      {
        name: 'miss: scanner paths',
        method: 'GET',
        paths: ['/wp-login.php', '/.env', '/api/v9/res1/items', '/admin/config.php'],
      },
    ],
  };
}

/** `count` routes that differ only in a literal beside one typed parameter: the widest node. */
function flat(count: number): ProbeSet {
  const routes = Array.from({ length: count }, (_, i) => get(`/api/res${i}/{id:int}`));
  const picks = [0.13, 0.37, 0.61, 0.89].map((share) => Math.floor(count * share));
  return {
    title: `${count.toLocaleString('en-US')} routes /api/res{i}/{id:int}`,
    routes,
    probes: [
      { name: 'hit', method: 'GET', paths: picks.map((i) => `/api/res${i}/${i + 5}`) },
      { name: 'miss: unknown resource', method: 'GET', paths: picks.map((i) => `/api/res${i + count}/5`) },
      { name: 'miss: not an int', method: 'GET', paths: picks.map((i) => `/api/res${i}/x`) },
    ],
  };
}

/** Several parameters in one segment, against find-my-way's `:lat-:lng` and `:name.:ext`. */
export const multiParamSet: ProbeSet = {
  title: 'several parameters in one segment',
  routes: [
    get('/geo/{lat}-{lng}'),
    get('/geo/{lat}-{lng}/weather'),
    get('/files/{name}.{ext}'),
    get('/v1/images/{code}.png'),
    get('/v1/images/{code}.png/meta'),
  ],
  probes: [
    { name: 'lat-lng', method: 'GET', paths: ['/geo/48.85-2.35'] },
    { name: 'lat-lng then literal', method: 'GET', paths: ['/geo/48.85-2.35/weather'] },
    { name: 'name.ext', method: 'GET', paths: ['/files/archive.tar.gz'] },
    { name: 'suffix mid-path', method: 'GET', paths: ['/v1/images/abc123.png/meta'] },
    { name: 'miss', method: 'GET', paths: ['/geo/4885', '/files/archive', '/v1/images/abc.jpg'] },
  ],
};

export const largeSets: readonly ProbeSet[] = [
  resources(100),
  resources(1_000),
  resources(10_000),
  flat(10_000),
];
