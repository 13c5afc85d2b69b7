import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseComponentFile } from '../../src/components/component-file.js';

describe('parseComponentFile', () => {
  test('reads every Component document and skips other kinds', () => {
    const text = `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: orders
spec:
  type: bindings.LocalStorage
  version: v1
  metadata:
  - name: rootPath
    value: ./data
  - name: retries
    value: 3
  - name: enabled
    value: true
---
apiVersion: dapr.io/v1alpha1
kind: Configuration
metadata:
  name: tracing
spec: {}
---
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: cache
spec:
  type: bindings.redis
  initTimeout: 10s
  ignoreErrors: true
  metadata:
  - name: redisPassword
    secretKeyRef:
      name: redis-secret
  - name: redisHost
    envRef: REDIS_HOST
auth:
  secretstore: local-secrets
scopes:
- checkout
`;
    const { specs, problems } = parseComponentFile(text, 'components/all.yaml');
    assert.deepEqual(problems, []);
    assert.equal(specs.length, 2);
    const [orders, cache] = specs;
    assert.equal(orders!.type, 'bindings.localstorage');
    assert.deepEqual(orders!.metadata, [
      { name: 'rootPath', value: './data' },
      { name: 'retries', value: '3' },
      { name: 'enabled', value: 'true' },
    ]);
    assert.equal(orders!.initTimeoutMs, 5000);
    assert.equal(orders!.source, 'components/all.yaml');
    assert.equal(cache!.version, '');
    assert.equal(cache!.initTimeoutMs, 10_000);
    assert.equal(cache!.ignoreErrors, true);
    assert.equal(cache!.secretStore, 'local-secrets');
    assert.deepEqual(cache!.scopes, ['checkout']);
    assert.deepEqual(cache!.metadata, [
      { name: 'redisPassword', secretKeyRef: { name: 'redis-secret', key: 'redis-secret' } },
      { name: 'redisHost', envRef: 'REDIS_HOST' },
    ]);
  });

  test('a bad document is reported with its file and position; the others load', () => {
    const text = `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: no-type
spec:
  version: v1
---
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: fine
spec:
  type: bindings.http
`;
    const { specs, problems } = parseComponentFile(text, 'c/mixed.yaml');
    assert.deepEqual(
      specs.map((s) => s.name),
      ['fine'],
    );
    assert.deepEqual(problems, ['c/mixed.yaml (document 1): component "no-type": spec.type is missing']);
  });

  test('invalid YAML and bad names are problems, not crashes', () => {
    assert.match(parseComponentFile('a: [unclosed', 'x.yaml').problems[0]!, /^x\.yaml: invalid YAML/);
    const named = parseComponentFile(
      'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: a/b\nspec:\n  type: bindings.http\n',
      'n.yaml',
    );
    assert.match(named.problems[0]!, /metadata.name "a\/b" must be a valid path segment/);
  });
});
