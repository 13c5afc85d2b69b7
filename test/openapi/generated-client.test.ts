import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { createOrdersApp } from '../../examples/orders/app.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

// A consumer written against the generated types only: places an order and reads it back. The
// expect-error lines prove the types are real (a wrong body or path fails to compile).
const client = `import createClient from 'openapi-fetch';
import type { components, paths } from './schema.js';

type Order = components['schemas']['Order'];

export async function placeAndRead(baseUrl: string): Promise<{ placed: Order; read: Order; listed: Order[] }> {
  const api = createClient<paths>({ baseUrl });
  const placed = await api.POST('/shops/{shopId}/orders', {
    params: {
      path: { shopId: 4 },
      query: { dryRun: false },
      header: { 'x-request-id': 'generated-client' },
      cookie: { session: 's-1' },
    },
    headers: { cookie: 'session=s-1' },
    body: { item: 'tea', qty: 2, tags: ['green'] },
  });
  if (placed.data === undefined) throw new Error(\`place failed: \${JSON.stringify(placed.error)}\`);
  const dryRun: boolean = placed.data.dryRun;
  if (dryRun) throw new Error('not a dry run');
  const read = await api.GET('/shops/{shopId}/orders/{orderId}', {
    params: { path: { shopId: 4, orderId: placed.data.id } },
  });
  if (read.data === undefined) throw new Error(\`read failed: \${JSON.stringify(read.error)}\`);
  const listed = await api.GET('/shops/{shopId}/orders', { params: { path: { shopId: 4 } } });
  if (listed.data === undefined) throw new Error('list failed');
  return { placed: placed.data, read: read.data, listed: listed.data };
}

export async function wrongCalls(baseUrl: string): Promise<void> {
  const api = createClient<paths>({ baseUrl });
  await api.POST('/shops/{shopId}/orders', {
    params: { path: { shopId: 4 }, header: { 'x-request-id': 'x' }, cookie: { session: 's' } },
    // @ts-expect-error qty is an integer, not text
    body: { item: 'tea', qty: 'two' },
  });
  // @ts-expect-error there is no such path
  await api.GET('/shops/{shopId}/invoices', { params: { path: { shopId: 4 } } });
}
`;

test('openapi-typescript types from the example document drive an openapi-fetch client against the running example', async () => {
  const data = await mkdtemp(join(tmpdir(), 'bindery-client-orders-'));
  // Under node_modules so the generated module resolves openapi-fetch like any dependency.
  await mkdir(join(root, 'node_modules', '.cache'), { recursive: true });
  const work = await mkdtemp(join(root, 'node_modules', '.cache', 'bindery-openapi-client-'));
  const app = await createOrdersApp({ dataDir: data, logger: false });
  try {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${address.port}`;
    const document = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as OpenAPI3;
    await writeFile(join(work, 'schema.d.ts'), astToString(await openapiTS(document)));
    await writeFile(join(work, 'client.ts'), client);
    await writeFile(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
          lib: ['ES2023', 'DOM'],
        },
        files: ['client.ts'],
      }),
    );
    await writeFile(join(work, 'package.json'), JSON.stringify({ type: 'module' }));
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    await run(process.execPath, [tsc, '-p', join(work, 'tsconfig.json')]).catch(
      (error: { stdout?: string }) => {
        assert.fail(`the client does not type-check against the generated types:\n${error.stdout}`);
      },
    );
    const { placeAndRead } = (await import(join(work, 'client.ts'))) as {
      placeAndRead(baseUrl: string): Promise<{
        placed: { id: string; total: number };
        read: { id: string; item: string };
        listed: { id: string }[];
      }>;
    };
    const { placed, read, listed } = await placeAndRead(baseUrl);
    assert.equal(placed.total, 6);
    assert.equal(read.id, placed.id);
    assert.equal(read.item, 'tea');
    assert.ok(listed.some((order) => order.id === placed.id));
  } finally {
    await app.close();
    await rm(work, { recursive: true, force: true });
    await rm(data, { recursive: true, force: true });
  }
});
