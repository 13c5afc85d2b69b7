import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BindingsRuntime,
  ComponentLoadError,
  defineBindingType,
  defineMetadata,
} from '../../src/components/index.js';
import { loadOptionalPeer, StartupError } from '../../src/http/index.js';
import { silentLogger } from '../components/support.js';

// A package name no registry entry or workspace holds, so the import really fails.
const MISSING = '@binderyjs-test/absent-driver';
const importMissing = () => import(MISSING);

test('a missing optional peer is a BND_ERR_MISSING_PEER startup error with the npm install line', async () => {
  const error = await loadOptionalPeer(
    { name: MISSING, usedBy: 'redis binding "cache"' },
    importMissing,
  ).then(
    () => assert.fail('the import should fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof StartupError);
  assert.equal(error.code, 'BND_ERR_MISSING_PEER');
  assert.equal(
    error.message,
    `redis binding "cache" needs the package ${MISSING}, which is not installed: npm install ${MISSING}`,
  );
  assert.match(error.docs, /#bnd-err-missing-peer$/);
});

test('packages installed together are named on the same install line', async () => {
  const peer = { name: MISSING, usedBy: "Dapr's gRPC API", with: ['@grpc/proto-loader'] };
  await assert.rejects(loadOptionalPeer(peer, importMissing), {
    message: `Dapr's gRPC API needs the package ${MISSING}, which is not installed: npm install ${MISSING} @grpc/proto-loader`,
  });
});

test('an installed peer is returned as its module', async () => {
  const yaml = await loadOptionalPeer({ name: 'yaml', usedBy: 'a test' }, () => import('yaml'));
  assert.equal(typeof yaml.parse, 'function');
});

test('a peer that is installed but fails while loading keeps its own error', async () => {
  const broken = new Error('native addon failed to load');
  await assert.rejects(
    loadOptionalPeer({ name: 'yaml', usedBy: 'a test' }, () => Promise.reject(broken)),
    (e) => e === broken,
  );
  // A package missing one of ITS dependencies is not reported as itself missing.
  const deep = Object.assign(new Error("Cannot find package 'other-dep' imported from /x/yaml/index.js"), {
    code: 'ERR_MODULE_NOT_FOUND',
  });
  await assert.rejects(
    loadOptionalPeer({ name: 'yaml', usedBy: 'a test' }, () => Promise.reject(deep)),
    (e) => e === deep,
  );
});

test('a component whose driver is missing fails the runtime start, naming the component and the install line', async () => {
  const driverBinding = defineBindingType({
    type: 'bindings.driven',
    description: 'A component whose driver is an optional peer',
    operations: ['get'],
    metadata: defineMetadata({}),
    create: (context) => ({
      async init() {
        await loadOptionalPeer({ name: MISSING, usedBy: `driven binding "${context.name}"` }, importMissing);
      },
      operations: () => ['get'] as const,
      async invoke() {
        return null;
      },
      async close() {},
    }),
  });
  const runtime = new BindingsRuntime({ types: [driverBinding], logger: silentLogger() });
  runtime.add({ name: 'orders-db', type: 'bindings.driven' });
  const error = await runtime.start().then(
    () => assert.fail('start should reject'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ComponentLoadError);
  assert.match(error.message, /driven binding "orders-db" needs the package/);
  assert.match(error.message, new RegExp(`npm install ${MISSING}`));
});
