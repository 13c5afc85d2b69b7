// Writes the two apps the type-checking benchmark compares: the same routes declared with
// Bindery (services chained into a container, called through binderyjs/client) and with Hono
// (sub-apps chained into an app, called through `hc`). Both validate with the same zod schemas.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Shape {
  /** Services (Bindery) or sub-apps (Hono), each in its own file. */
  services: number;
  /** Routes per service. */
  routes: number;
}

const query = 'z.object({ page: z.string().optional(), tag: z.string().optional() })';
const body = 'z.object({ name: z.string(), qty: z.number() })';

/** Route `j` of a service: a GET with a query, a POST creating, or a PUT with a body. */
function kind(j: number): 'get' | 'post' | 'put' {
  return (['get', 'post', 'put'] as const)[j % 3]!;
}

function binderyService(i: number, shape: Shape): string {
  const lines = [
    "import { created, WebService } from 'binderyjs';",
    "import { z } from 'zod';",
    '',
    `export const svc${i} = new WebService('/svc${i}')`,
  ];
  for (let j = 0; j < shape.routes; j++) {
    if (kind(j) === 'get') {
      lines.push(
        `  .get('/items${j}/{id:int}')`,
        `  .bind({ query: ${query} })`,
        `  .to(({ path, query }) => ({ id: path.id, name: query.tag ?? 'n', service: ${i} }))`,
      );
    } else if (kind(j) === 'post') {
      lines.push(
        `  .post('/items${j}')`,
        `  .bind({ body: ${body} })`,
        `  .to(({ body }) => created({ ...body, id: ${j} }))`,
      );
    } else {
      lines.push(
        `  .put('/items${j}/{id:int}')`,
        `  .bind({ body: ${body} })`,
        `  .to(({ path, body }) => ({ ...body, id: path.id }))`,
      );
    }
  }
  return `${lines.join('\n')};\n`;
}

function honoService(i: number, shape: Shape): string {
  const lines = [
    "import { zValidator } from '@hono/zod-validator';",
    "import { Hono } from 'hono';",
    "import { z } from 'zod';",
    '',
    `export const svc${i} = new Hono()`,
  ];
  for (let j = 0; j < shape.routes; j++) {
    if (kind(j) === 'get') {
      lines.push(
        `  .get('/items${j}/:id', zValidator('query', ${query}), (c) =>`,
        `    c.json({ id: Number(c.req.param('id')), name: c.req.valid('query').tag ?? 'n', service: ${i} }),`,
        '  )',
      );
    } else if (kind(j) === 'post') {
      lines.push(
        `  .post('/items${j}', zValidator('json', ${body}), (c) => c.json({ ...c.req.valid('json'), id: ${j} }, 201))`,
      );
    } else {
      lines.push(
        `  .put('/items${j}/:id', zValidator('json', ${body}), (c) =>`,
        `    c.json({ ...c.req.valid('json'), id: Number(c.req.param('id')) }),`,
        '  )',
      );
    }
  }
  return `${lines.join('\n')};\n`;
}

function binderyCall(i: number, j: number): string[] {
  const name = `r${i}_${j}`;
  const call =
    kind(j) === 'get'
      ? `api.get('/svc${i}/items${j}/{id}', { path: { id: 1 }, query: { tag: 'x' } })`
      : kind(j) === 'post'
        ? `api.post('/svc${i}/items${j}', { body: { name: 'n', qty: 1 } })`
        : `api.put('/svc${i}/items${j}/{id}', { path: { id: 1 }, body: { name: 'n', qty: 1 } })`;
  const status = kind(j) === 'post' ? 201 : 200;
  return [`  const ${name} = await ${call};`, `  if (${name}.status === ${status}) use(${name}.body.id);`];
}

function honoCall(i: number, j: number): string[] {
  const name = `r${i}_${j}`;
  const call =
    kind(j) === 'get'
      ? `api.svc${i}.items${j}[':id'].$get({ param: { id: '1' }, query: { tag: 'x' } })`
      : kind(j) === 'post'
        ? `api.svc${i}.items${j}.$post({ json: { name: 'n', qty: 1 } })`
        : `api.svc${i}.items${j}[':id'].$put({ param: { id: '1' }, json: { name: 'n', qty: 1 } })`;
  const status = kind(j) === 'post' ? 201 : 200;
  return [
    `  const ${name} = await ${call};`,
    `  if (${name}.status === ${status}) use((await ${name}.json()).id);`,
  ];
}

function callers(shape: Shape, header: string[], call: (i: number, j: number) => string[]): string {
  const lines = [
    ...header,
    '',
    'declare function use(value: number): void;',
    '',
    'export async function callAll() {',
  ];
  for (let i = 0; i < shape.services; i++) for (let j = 0; j < shape.routes; j++) lines.push(...call(i, j));
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function tsconfig(paths: Record<string, string[]>): string {
  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023', 'DOM'],
    types: ['node'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    paths,
  };
  return `${JSON.stringify({ compilerOptions, include: ['*.ts'] }, null, 2)}\n`;
}

/** Writes both projects under `dir` (replacing what was there); `dist` is Bindery's built output. */
export function generate(dir: string, shape: Shape, dist: string): { bindery: string; hono: string } {
  rmSync(dir, { recursive: true, force: true });
  const bindery = join(dir, 'bindery');
  const hono = join(dir, 'hono');
  for (const project of [bindery, hono]) {
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
  }
  const imports: string[] = [];
  for (let i = 0; i < shape.services; i++) {
    writeFileSync(join(bindery, `svc${i}.ts`), binderyService(i, shape));
    writeFileSync(join(hono, `svc${i}.ts`), honoService(i, shape));
    imports.push(`import { svc${i} } from './svc${i}.js';`);
  }
  const adds = Array.from({ length: shape.services }, (_, i) => `  .add(svc${i})`);
  writeFileSync(
    join(bindery, 'app.ts'),
    `import { Container } from 'binderyjs';\n${imports.join('\n')}\n\nexport const app = new Container()\n${adds.join('\n')};\nexport type App = typeof app;\n`,
  );
  const mounts = Array.from({ length: shape.services }, (_, i) => `  .route('/svc${i}', svc${i})`);
  writeFileSync(
    join(hono, 'app.ts'),
    `import { Hono } from 'hono';\n${imports.join('\n')}\n\nexport const app = new Hono()\n${mounts.join('\n')};\nexport type App = typeof app;\n`,
  );
  writeFileSync(
    join(bindery, 'client.ts'),
    callers(
      shape,
      [
        "import { client } from 'binderyjs/client';",
        "import type { App } from './app.js';",
        '',
        "const api = client<App>('http://127.0.0.1:3000');",
      ],
      binderyCall,
    ),
  );
  writeFileSync(
    join(hono, 'client.ts'),
    callers(
      shape,
      [
        "import { hc } from 'hono/client';",
        "import type { App } from './app.js';",
        '',
        "const api = hc<App>('http://127.0.0.1:3000');",
      ],
      honoCall,
    ),
  );
  writeFileSync(
    join(bindery, 'tsconfig.json'),
    tsconfig({
      binderyjs: [join(dist, 'index.d.ts')],
      'binderyjs/client': [join(dist, 'client/index.d.ts')],
    }),
  );
  writeFileSync(join(hono, 'tsconfig.json'), tsconfig({}));
  return { bindery, hono };
}
