import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseComponentFile } from '../../src/components/component-file.js';
import { DEFAULT_INIT_TIMEOUT_MS } from '../../src/components/component-spec.js';
import { resolveMetadata } from '../../src/components/metadata-resolver.js';
import type { SecretStore } from '../../src/components/secrets/secret-store.js';

/** Component files read and resolved the way daprd reads and resolves them. */
function component(metadata: string, spec = ''): ReturnType<typeof parseComponentFile>['specs'][number] {
  const result = parseComponentFile(
    `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: c
auth:
  secretStore: vault
spec:
  type: bindings.fake
  version: v1
${spec}  metadata:
${metadata}`,
    'c.yaml',
  );
  assert.deepEqual(result.problems, []);
  return result.specs[0]!;
}

const store: SecretStore = {
  getSecret: async (name: string) => ({ [name]: 'queue-{appID}' }),
  features: () => [],
  close: async () => undefined,
} as unknown as SecretStore;

function context(env: Record<string, string | undefined>) {
  const warnings: string[] = [];
  return {
    warnings,
    value: {
      appId: 'orders',
      env,
      secretStores: new Map([['vault', store]]),
      logger: { warn: (m: string) => void warnings.push(m), error: (m: string) => void warnings.push(m) },
    },
  };
}

describe('component loading as Dapr does it', () => {
  test('{namespace} is <NAMESPACE or default>.<appID>', async () => {
    const spec = component('  - name: group\n    value: "{namespace}"\n');
    assert.equal((await resolveMetadata(spec, context({}).value)).properties.group, 'default.orders');
    assert.equal(
      (await resolveMetadata(spec, context({ NAMESPACE: 'shop' }).value)).properties.group,
      'shop.orders',
    );
  });

  test('{podName} without POD_NAME is an error for that field', async () => {
    const spec = component('  - name: consumer\n    value: "{podName}-x"\n');
    const missing = await resolveMetadata(spec, context({}).value);
    assert.deepEqual(missing.issues, [
      { field: 'consumer', message: 'uses {podName}, but the POD_NAME environment variable is not set' },
    ]);
    assert.equal(
      (await resolveMetadata(spec, context({ POD_NAME: 'pod-1' }).value)).properties.consumer,
      'pod-1-x',
    );
  });

  test('templates also apply to values from envRef and secrets', async () => {
    const spec = component(
      '  - name: fromEnv\n    envRef: QUEUE\n  - name: fromSecret\n    secretKeyRef:\n      name: q\n',
    );
    const resolved = await resolveMetadata(spec, context({ QUEUE: '{appID}-in' }).value);
    assert.deepEqual(resolved.properties, { fromEnv: 'orders-in', fromSecret: 'queue-orders' });
  });

  test('envRef to a DAPR_* variable warns and gives an empty value instead of stopping start-up', async () => {
    const spec = component('  - name: token\n    envRef: DAPR_API_TOKEN\n');
    const ctx = context({ DAPR_API_TOKEN: 'secret' });
    const resolved = await resolveMetadata(spec, ctx.value);
    assert.deepEqual(resolved.issues, []);
    assert.equal(resolved.properties.token, '');
    assert.equal(ctx.warnings.length, 1);
  });

  test('value wins over envRef in one entry', async () => {
    const spec = component('  - name: host\n    value: from-value\n    envRef: HOST\n');
    assert.equal(
      (await resolveMetadata(spec, context({ HOST: 'from-env' }).value)).properties.host,
      'from-value',
    );
  });

  test("an initTimeout Dapr cannot parse falls back to Dapr's 5 s", () => {
    const spec = component('  - name: a\n    value: b\n', '  initTimeout: soon\n');
    assert.equal(spec.initTimeoutMs, DEFAULT_INIT_TIMEOUT_MS);
    assert.equal(component('  - name: a\n    value: b\n', '  initTimeout: 30s\n').initTimeoutMs, 30_000);
  });
});
