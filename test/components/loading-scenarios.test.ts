import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { BindingsRuntime, ComponentLoadError } from '../../src/components/bindings-runtime.js';
import { fakeBinding } from './fake-binding.js';
import { captureLogger } from './support.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'loading');

/** Starts a runtime on one scenario folder, as `bindery sidecar --resources-path <folder>` would. */
async function load(scenario: string, env: Record<string, string> = {}) {
  const { logger, text } = captureLogger();
  const runtime = new BindingsRuntime({
    resourcesPaths: [join(FIXTURES, scenario)],
    appId: 'orders',
    types: [fakeBinding],
    env,
    logger,
  });
  await runtime.start();
  const greeting = async (name: string) => (await runtime.invoke(name, 'echo')).metadata.greeting;
  return { runtime, log: text, greeting };
}

describe('component folders load as daprd loads them', () => {
  test('a secretKeyRef to a store that is not loaded parks that component; the rest start', async () => {
    const { runtime, log } = await load('parked-store');
    assert.deepEqual(runtime.bindingNames(), ['plain']);
    assert.match(
      log(),
      /needs-vault.*not loaded: a secretKeyRef needs secret store vault, which is not loaded/,
    );
    await runtime.close();
  });

  test('a secretKeyRef without auth.secretStore parks that component too', async () => {
    const { runtime, log } = await load('parked-no-auth');
    assert.deepEqual(runtime.bindingNames(), ['plain']);
    assert.match(log(), /no-auth.*auth.secretStore is not set/);
    await runtime.close();
  });

  test('a secret without a value gives an empty value, so an optional field keeps its default', async () => {
    const { runtime, greeting } = await load('missing-secret');
    assert.equal(await greeting('optional-secret'), 'hello');
    await runtime.close();
  });

  test('envRef to DAPR_* warns and reads empty; a value wins over an envRef', async () => {
    const { runtime, log, greeting } = await load('envref-reserved', {
      GREETING: 'from-env',
      DAPR_API_TOKEN: '5s',
    });
    assert.equal(await greeting('reserved'), 'from-value');
    assert.match(log(), /envRef DAPR_API_TOKEN is not read/);
    await runtime.close();
  });

  test('plain scalars are YAML 1.1 as in daprd: 010 is 8, on is true, 0x1F is 31, dates stay text', async () => {
    const { runtime, greeting } = await load('yaml-1.1');
    assert.equal(await greeting('octal'), '8');
    assert.equal(await greeting('yes-word'), 'true');
    assert.equal(await greeting('quoted'), '010');
    assert.equal(await greeting('hex'), '31');
    assert.equal(await greeting('date'), '2001-12-14');
    await runtime.close();
  });

  test('version V1 loads; direction words are read case-insensitively and unknown ones serve nothing', async () => {
    const { runtime, log } = await load('versions-directions');
    assert.deepEqual(runtime.bindingNames(), ['upper-version']);
    assert.deepEqual(runtime.components().find((c) => c.name === 'upper-version')?.capabilities, [
      'OUTPUT_BINDING',
    ]);
    assert.match(log(), /inbound.*skipped: its direction leaves nothing/);
    await runtime.close();
  });

  test('a duplicate name is an error even when the duplicate is scoped to another app', async () => {
    await assert.rejects(load('duplicate-before-scopes'), (error: unknown) => {
      assert.ok(error instanceof ComponentLoadError);
      assert.match(error.problems[0]!, /duplicate component name "orders"/);
      return true;
    });
  });

  test('a flag Dapr reads with IsTruthy takes an unknown word as false, with a warning', async () => {
    const { runtime, log, greeting } = await load('booleans');
    assert.equal(await greeting('lenient'), 'hello');
    assert.match(log(), /failInit.*"maybe" reads as false/);
    await runtime.close();
  });
});
