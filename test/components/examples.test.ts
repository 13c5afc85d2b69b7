import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { serviceSkip } from '../support/services.js';
import { silentLogger } from './support.js';

const components = join(import.meta.dirname, '..', '..', 'examples', 'orders', 'components');

/** The example's files must load as documented; ./data resolves against the working directory. */
async function inTempCwd<T>(fn: () => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'bindery-example-'));
  const previous = process.cwd();
  process.chdir(dir);
  try {
    return await fn();
  } finally {
    process.chdir(previous);
    await rm(dir, { recursive: true, force: true });
  }
}

test('examples/orders/components: orders-store by default, the database left out', async () => {
  await inTempCwd(async () => {
    const runtime = new BindingsRuntime({ resourcesPaths: [components], logger: silentLogger() });
    await runtime.start();
    assert.deepEqual(runtime.bindingNames(), ['orders-store']);
    await runtime.invoke('orders-store', 'create', { id: 1 }, { fileName: '1.json' });
    assert.deepEqual(
      (await runtime.invoke('orders-store', 'get', undefined, { fileName: '1.json' })).json(),
      { id: 1 },
    );
    await runtime.close();
  });
});

test('examples/orders/components/postgres: orders-db when that folder is added', {
  skip: await serviceSkip('PostgreSQL', '127.0.0.1', 5432),
}, async () => {
  await inTempCwd(async () => {
    const runtime = new BindingsRuntime({
      resourcesPaths: [components, join(components, 'postgres')],
      logger: silentLogger(),
    });
    await runtime.start();
    assert.deepEqual(runtime.bindingNames().sort(), ['orders-db', 'orders-store']);
    const rows = await runtime.invoke('orders-db', 'query', undefined, { sql: 'SELECT 1' });
    assert.deepEqual(rows.json(), [[1]]);
    await runtime.close();
  });
});
