import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { ComponentContext } from '../../src/components/binding-component.js';
import { systemClock } from '../../src/components/clock.js';
import { localEnvSecretStore, localFileSecretStore } from '../../src/components/secrets/index.js';
import { silentLogger, tempDir } from './support.js';

const context = (env: Record<string, string> = {}): ComponentContext => ({
  name: 'secrets',
  appId: undefined,
  logger: silentLogger(),
  env,
  clock: systemClock,
});

const document = {
  redisPassword: 'r3dis',
  connectionStrings: { sql: 'sql-conn', mysql: 'mysql-conn' },
  list: ['a', { deep: 'b' }],
  port: 5432,
};

describe('secretstores.local.file', () => {
  test('flattens nested keys with the separator (":" by default), arrays by index', async () => {
    const dir = await tempDir();
    const file = join(dir, 'secrets.json');
    await writeFile(file, JSON.stringify(document));
    const store = localFileSecretStore.create(context());
    await store.init({ secretsFile: file, nestedSeparator: ':', multiValued: false });
    assert.deepEqual(await store.getSecret('connectionStrings:sql'), { 'connectionStrings:sql': 'sql-conn' });
    assert.deepEqual(await store.getSecret('list:1:deep'), { 'list:1:deep': 'b' });
    assert.deepEqual(await store.getSecret('port'), { port: '5432' });
    await assert.rejects(store.getSecret('connectionStrings'), {
      message: 'secret connectionStrings not found',
    });
    assert.deepEqual(store.features(), []);
  });

  test('multiValued: one secret per top-level key, nested keys as its values', async () => {
    const dir = await tempDir();
    const file = join(dir, 'secrets.json');
    await writeFile(file, JSON.stringify(document));
    const store = localFileSecretStore.create(context());
    await store.init({ secretsFile: file, nestedSeparator: '.', multiValued: true });
    assert.deepEqual(await store.getSecret('connectionStrings'), { sql: 'sql-conn', mysql: 'mysql-conn' });
    assert.deepEqual(await store.getSecret('redisPassword'), { redisPassword: 'r3dis' });
    assert.deepEqual(store.features(), ['MULTIPLE_KEY_VALUES_PER_SECRET']);
  });

  test('a file that is not a JSON object stops init', async () => {
    const dir = await tempDir();
    const file = join(dir, 'bad.json');
    await writeFile(file, '[1,2]');
    const store = localFileSecretStore.create(context());
    await assert.rejects(
      store.init({ secretsFile: file, nestedSeparator: ':', multiValued: false }),
      /must hold a JSON object/,
    );
  });
});

describe('secretstores.local.env', () => {
  test('reads variables, with an optional prefix; DAPR_* and APP_API_TOKEN read as empty', async () => {
    const env = { DB_PASS: 'p', APP_DB_PASS: 'q', DAPR_API_TOKEN: 'no', APP_API_TOKEN: 'no' };
    const plain = localEnvSecretStore.create(context(env));
    await plain.init({ prefix: undefined });
    assert.deepEqual(await plain.getSecret('DB_PASS'), { DB_PASS: 'p' });
    assert.deepEqual(await plain.getSecret('DAPR_API_TOKEN'), { DAPR_API_TOKEN: '' });
    assert.deepEqual(await plain.getSecret('APP_API_TOKEN'), { APP_API_TOKEN: '' });
    assert.deepEqual(await plain.getSecret('MISSING'), { MISSING: '' });
    const prefixed = localEnvSecretStore.create(context(env));
    await prefixed.init({ prefix: 'APP_' });
    assert.deepEqual(await prefixed.getSecret('DB_PASS'), { DB_PASS: 'q' });
  });
});
