import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { type CliIo, loadAppContainer, runCli } from '../../src/cli/index.js';
import type { OpenApiDocument } from '../../src/index.js';
import { assertValidDocument } from '../openapi/document-check.js';

const example = fileURLToPath(new URL('../../examples/orders/app.ts', import.meta.url));
const bindery = pathToFileURL(fileURLToPath(new URL('../../src/index.ts', import.meta.url))).href;

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
}

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bindery-cli-openapi-'));
  const modules: Record<string, string> = {
    'instance.ts': `import { Container, WebService } from '${bindery}';
const container = new Container({ logger: false });
const ws = new WebService('/pets');
ws.get('/{id:int}').doc('One pet').to(({ path }) => ({ id: path.id }));
container.add(ws);
export default container;`,
    'async-factory.ts': `import { Container, WebService } from '${bindery}';
export default async function createApp() {
  const container = new Container({ logger: false });
  const ws = new WebService('/b');
  ws.get('/').to(() => 'b');
  container.add(ws);
  await Promise.resolve();
  return container;
}`,
    'no-default.ts': `export const container = 1;`,
    'wrong-default.ts': `export default 'a container';`,
    'factory-returns-wrong.ts': `export default () => ({ routes: [] });`,
  };
  for (const [name, text] of Object.entries(modules)) await writeFile(join(dir, name), text);
});
after(() => rm(dir, { recursive: true, force: true }));

describe('bindery openapi', () => {
  test('prints the example document, the one it serves', async () => {
    const out = io();
    assert.equal(await runCli(['openapi', example], out), 0);
    const document = JSON.parse(out.out.join('')) as OpenApiDocument;
    await assertValidDocument(document);
    assert.equal(document.info.title, 'Orders', 'the options the app serves its document with');
    assert.ok(document.paths['/shops/{shopId}/orders']?.post);
  });

  test('writes YAML to --out, by extension or --format', async () => {
    const file = join(dir, 'orders.yaml');
    assert.equal(await runCli(['openapi', example, '--out', file], io()), 0);
    const document = parse(await readFile(file, 'utf8')) as OpenApiDocument;
    assert.equal(document.openapi, '3.1.1');
    const json = join(dir, 'orders.txt');
    assert.equal(await runCli(['openapi', example, '--out', json, '--format', 'yaml'], io()), 0);
    assert.match(await readFile(json, 'utf8'), /^openapi: 3\.1\.1$/m);
  });

  test('a default export that is a Container, or an async factory, both work', async () => {
    const out = io();
    assert.equal(await runCli(['openapi', join(dir, 'instance.ts')], out), 0);
    assert.equal(JSON.parse(out.out.join('')).paths['/pets/{id}'].get.summary, 'One pet');
    const container = await loadAppContainer('async-factory.ts', { cwd: dir });
    assert.deepEqual(
      container.webServices().map((ws) => ws.root),
      ['/b'],
    );
  });

  test('a module that does not follow the contract is a clear error', async () => {
    const cases: [string, RegExp][] = [
      [
        'no-default.ts',
        /must default-export a Container or a function returning one; its default export is missing/,
      ],
      ['wrong-default.ts', /its default export is a string/],
      ['factory-returns-wrong.ts', /its default export is a function that returned an object \(Object\)/],
      ['missing.ts', /app module missing\.ts was not found/],
    ];
    for (const [file, message] of cases) {
      const out = io();
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        assert.equal(await runCli(['openapi', file], out), 1, file);
      } finally {
        process.chdir(cwd);
      }
      assert.match(out.err.join(''), message, file);
      assert.deepEqual(out.out, [], 'nothing is printed as a document');
    }
  });

  test('usage errors exit 2', async () => {
    for (const args of [['openapi'], ['openapi', example, '--format', 'xml'], ['openapi', 'a', 'b']]) {
      const out = io();
      assert.equal(await runCli(args, out), 2, args.join(' '));
      assert.match(out.err.join(''), /Usage: bindery openapi/);
    }
  });
});

describe('bindery routes', () => {
  test('prints method, path, operation id, bound sources, dependencies, filters and service', async () => {
    const out = io();
    assert.equal(await runCli(['routes', example], out), 0);
    const lines = out.out.join('').trimEnd().split('\n');
    assert.match(lines[0]!, /^METHOD\s+PATH\s+OPERATION\s+BOUND\s+DEPENDENCIES\s+FILTERS\s+SERVICE$/);
    const place = lines.find((line) => line.startsWith('POST'));
    assert.ok(place);
    assert.match(
      place,
      /^POST\s+\/shops\/\{shopId:int min\(1\)\}\/orders\s+postShopsByShopIdOrders\s+query,headers,cookies,body\s+store=OrderStore, clock=Clock\s+container 4\s+\/shops\/\{shopId:int min\(1\)\}\/orders$/,
    );
    assert.ok(lines.some((line) => /^GET\s+\/shops\s+getShops\s+-\s+controller=ShopsController/.test(line)));
  });

  test('--json gives one object per route', async () => {
    const out = io();
    assert.equal(await runCli(['routes', example, '--json'], out), 0);
    const rows = JSON.parse(out.out.join('')) as {
      method: string;
      path: string;
      bound: string[];
      filters: { container: string[] };
    }[];
    const place = rows.find((row) => row.method === 'POST');
    assert.deepEqual(place?.bound, ['query', 'headers', 'cookies', 'body']);
    assert.equal(place?.filters.container.length, 4);
    assert.ok(
      rows.some((row) => row.path === '/openapi.json'),
      'the serving routes are routes too',
    );
  });
});
