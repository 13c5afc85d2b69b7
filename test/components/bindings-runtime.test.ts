import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { BindingError } from '../../src/components/binding-error.js';
import { BindingsRuntime, ComponentLoadError } from '../../src/components/bindings-runtime.js';
import { fakeBinding, fakeInstances } from './fake-binding.js';
import { captureLogger, silentLogger, tempDir } from './support.js';

function component(name: string, type: string, metadata: Record<string, string>, extra = ''): string {
  const entries = Object.entries(metadata)
    .map(([k, v]) => `  - name: ${k}\n    value: ${JSON.stringify(v)}`)
    .join('\n');
  return `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: ${type}
  version: v1
  metadata:${entries === '' ? ' []' : `\n${entries}`}
${extra}`;
}

async function runtimeWith(
  files: Record<string, string>,
  options: { appId?: string; env?: Record<string, string> } = {},
) {
  const dir = await tempDir();
  for (const [file, text] of Object.entries(files)) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  const log = captureLogger();
  const runtime = new BindingsRuntime({
    resourcesPaths: [dir],
    types: [fakeBinding],
    logger: log.logger,
    ...options,
  });
  return { runtime, dir, log };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected a rejection');
}

describe('loading component files', () => {
  test('reads top-level .yaml and .yml files only, skipping a bad file with a log line', async () => {
    const { runtime, log } = await runtimeWith({
      'a.yaml': component('alpha', 'bindings.fake', { greeting: 'hi' }),
      'b.yml': component('beta', 'bindings.fake', { greeting: 'yo' }),
      'notes.txt': component('gamma', 'bindings.fake', { greeting: 'no' }),
      'nested/c.yaml': component('delta', 'bindings.fake', { greeting: 'no' }),
      'broken.yaml': 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata: [oops',
    });
    await runtime.start();
    assert.deepEqual(runtime.bindingNames().sort(), ['alpha', 'beta']);
    assert.match(log.text(), /skipped component: .*broken\.yaml: invalid YAML/);
    const result = await runtime.invoke('alpha', 'echo', { n: 1 });
    assert.deepEqual(result.json(), { n: 1 });
    assert.equal(result.metadata.greeting, 'hi');
    await runtime.close();
  });

  test('every invalid field is reported at once, naming the file, the component and the field', async () => {
    const { runtime, dir } = await runtimeWith({
      'one.yaml': component('first', 'bindings.fake', { initDelay: 'soon' }),
      'two.yaml': component('second', 'bindings.fake', { greeting: 'x', initDelay: '3 days' }),
    });
    const error = await rejection(runtime.start());
    assert.ok(error instanceof ComponentLoadError);
    assert.deepEqual([...error.problems].sort(), [
      `component "first" (bindings.fake) in ${join(dir, 'one.yaml')}: metadata "greeting" is required`,
      `component "first" (bindings.fake) in ${join(dir, 'one.yaml')}: metadata "initDelay" "soon" is not a duration (such as 10s, 1m30s, 500ms, or whole seconds)`,
      `component "second" (bindings.fake) in ${join(dir, 'two.yaml')}: metadata "initDelay" "3 days" is not a duration (such as 10s, 1m30s, 500ms, or whole seconds)`,
    ]);
  });

  test('duplicate names are an error naming both places', async () => {
    const { runtime, dir } = await runtimeWith({
      'a.yaml': component('orders', 'bindings.fake', { greeting: 'a' }),
      'b.yaml': component('orders', 'bindings.fake', { greeting: 'b' }),
    });
    const error = await rejection(runtime.start());
    assert.match(error.message, /duplicate component name "orders"/);
    assert.ok(error.message.includes(join(dir, 'a.yaml')) && error.message.includes(join(dir, 'b.yaml')));
  });

  test('a failing init is fatal unless ignoreErrors is set; the half-made instance is closed', async () => {
    const failing = await runtimeWith({
      'a.yaml': component('down', 'bindings.fake', { greeting: 'x', failInit: 'true' }),
    });
    const error = await rejection(failing.runtime.start());
    assert.match(
      error.message,
      /component "down" \(bindings\.fake\) in .*: init failed: cannot reach the fake server/,
    );
    assert.equal(fakeInstances.filter((i) => i.name === 'down').at(-1)?.closed, true);

    const ignored = await runtimeWith({
      'a.yaml': component('down', 'bindings.fake', { greeting: 'x', failInit: 'true' }).replace(
        '  version: v1',
        '  version: v1\n  ignoreErrors: true',
      ),
      'b.yaml': component('up', 'bindings.fake', { greeting: 'x' }),
    });
    await ignored.runtime.start();
    assert.deepEqual(ignored.runtime.bindingNames(), ['up']);
    assert.match(
      ignored.log.text(),
      /init failed: cannot reach the fake server \(ignored: ignoreErrors is set\)/,
    );
    await ignored.runtime.close();
  });

  test('init has a time limit (spec.initTimeout)', async () => {
    const text = component('slow', 'bindings.fake', { greeting: 'x', initDelay: '2s' }).replace(
      '  version: v1',
      '  version: v1\n  initTimeout: 20ms',
    );
    const { runtime } = await runtimeWith({ 'slow.yaml': text });
    const error = await rejection(runtime.start());
    assert.match(error.message, /init failed: init timed out after 20ms/);
  });

  test('metadata.namespace counts only when NAMESPACE is set', async () => {
    const files = {
      'a.yaml': component('prod-only', 'bindings.fake', { greeting: 'x' }).replace(
        '  name: prod-only',
        '  name: prod-only\n  namespace: prod',
      ),
      'b.yaml': component('anywhere', 'bindings.fake', { greeting: 'x' }),
    };
    const unset = await runtimeWith(files);
    await unset.runtime.start();
    assert.deepEqual(unset.runtime.bindingNames().sort(), ['anywhere', 'prod-only']);
    await unset.runtime.close();
    const dev = await runtimeWith(files, { env: { NAMESPACE: 'dev' } });
    await dev.runtime.start();
    assert.deepEqual(dev.runtime.bindingNames(), ['anywhere']);
    await dev.runtime.close();
  });

  test('scopes, direction and unsupported types decide what loads', async () => {
    const { runtime, log } = await runtimeWith(
      {
        'mine.yaml': component('mine', 'bindings.fake', { greeting: 'x' }, 'scopes:\n- checkout\n'),
        'theirs.yaml': component('theirs', 'bindings.fake', { greeting: 'x' }, 'scopes:\n- billing\n'),
        'input.yaml': component('ticks', 'bindings.fake', { greeting: 'x', direction: 'input' }),
        'both.yaml': component('both', 'bindings.fake', { greeting: 'x', direction: 'input, output' }),
        'kafka.yaml': component('events', 'bindings.kafka', { brokers: 'k:9092' }),
        'state.yaml': component('statestore', 'state.redis', { redisHost: 'x' }),
      },
      { appId: 'checkout' },
    );
    await runtime.start();
    assert.deepEqual(runtime.bindingNames().sort(), ['both', 'mine']);
    const text = log.text();
    assert.match(
      text,
      /"events" \(bindings\.kafka\).* skipped: binding type bindings\.kafka is not supported/,
    );
    assert.match(
      text,
      /"statestore" \(state\.redis\).* skipped: Bindery serves bindings and secret stores only/,
    );
    const error = await rejection(runtime.invoke('ticks', 'echo'));
    assert.equal(error.message, "couldn't find output binding ticks");
    await runtime.close();
  });
});

describe('secrets and environment references', () => {
  test('secretKeyRef through local.file (flattened and multi-valued) and local.env; envRef', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'secrets.json'),
      JSON.stringify({ greetings: { morning: 'good morning' }, plain: 'hello' }),
    );
    await writeFile(join(dir, 'multi.json'), JSON.stringify({ db: { user: 'u', pass: { word: 'p' } } }));
    const store = (name: string, type: string, md: Record<string, string>) => component(name, type, md);
    const ref = (name: string, storeName: string, secret: string, key?: string) =>
      `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: bindings.fake
  metadata:
  - name: greeting
    secretKeyRef:
      name: ${secret}
${key === undefined ? '' : `      key: ${key}\n`}auth:
  secretStore: ${storeName}
`;
    const files: Record<string, string> = {
      'flat.yaml': store('flat', 'secretstores.local.file', { secretsFile: join(dir, 'secrets.json') }),
      'multi.yaml': store('multi', 'secretstores.local.file', {
        secretsFile: join(dir, 'multi.json'),
        multiValued: 'true',
        nestedSeparator: '.',
      }),
      'env.yaml': store('env', 'secretstores.local.env', {}),
      'b1.yaml': ref('from-flat', 'flat', 'greetings:morning'),
      'b2.yaml': ref('from-multi', 'multi', 'db', 'pass.word'),
      'b3.yaml': ref('from-env', 'env', 'GREETING_VAR'),
      'b4.yaml': `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: from-envref
spec:
  type: bindings.fake
  metadata:
  - name: greeting
    envRef: GREETING_VAR
`,
    };
    const { runtime } = await runtimeWith(files, { env: { GREETING_VAR: 'hey', DAPR_API_TOKEN: 'secret' } });
    await runtime.start();
    const greeting = async (name: string) => (await runtime.invoke(name, 'echo')).metadata.greeting;
    assert.equal(await greeting('from-flat'), 'good morning');
    assert.equal(await greeting('from-multi'), 'p');
    assert.equal(await greeting('from-env'), 'hey');
    assert.equal(await greeting('from-envref'), 'hey');
    const infos = runtime.components();
    assert.deepEqual(
      infos.find((c) => c.name === 'multi'),
      {
        name: 'multi',
        type: 'secretstores.local.file',
        version: 'v1',
        capabilities: ['MULTIPLE_KEY_VALUES_PER_SECRET'],
      },
    );
    await runtime.close();
  });

  test('DAPR_* variables read as empty (so a required field is missing); a store not loaded parks', async () => {
    const { runtime, log } = await runtimeWith(
      {
        'env.yaml': `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: leaky
spec:
  type: bindings.fake
  metadata:
  - name: greeting
    envRef: DAPR_API_TOKEN
`,
        'ref.yaml': `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: orphan
spec:
  type: bindings.fake
  metadata:
  - name: greeting
    secretKeyRef:
      name: nope
auth:
  secretStore: missing-store
`,
      },
      { env: { DAPR_API_TOKEN: 'do-not-leak' } },
    );
    const error = await rejection(runtime.start());
    assert.ok(error instanceof ComponentLoadError);
    const problems = [...error.problems].sort().join('\n');
    assert.match(problems, /"leaky".*metadata "greeting" is required/);
    assert.doesNotMatch(problems, /orphan/);
    assert.match(log.text(), /"orphan".*not loaded: a secretKeyRef needs secret store missing-store/);
    assert.doesNotMatch(problems, /do-not-leak/);
  });
});

describe('components added in code', () => {
  test('addDefault applies only when no file declares the name; add conflicts like a file', async () => {
    const { runtime } = await runtimeWith({
      'a.yaml': component('orders', 'bindings.fake', { greeting: 'from file' }),
    });
    runtime.addDefault({ name: 'orders', type: 'bindings.fake', metadata: { greeting: 'default' } });
    runtime.addDefault({ name: 'audit', type: 'bindings.fake', metadata: { greeting: 'default' } });
    await runtime.start();
    assert.equal((await runtime.invoke('orders', 'echo')).metadata.greeting, 'from file');
    assert.equal((await runtime.invoke('audit', 'echo')).metadata.greeting, 'default');
    assert.throws(
      () => runtime.add({ name: 'late', type: 'bindings.fake' }),
      /must be called before start\(\)/,
    );
    await runtime.close();

    const clash = await runtimeWith({
      'a.yaml': component('orders', 'bindings.fake', { greeting: 'from file' }),
    });
    clash.runtime.add({ name: 'orders', type: 'bindings.fake', metadata: { greeting: 'code' } });
    const error = await rejection(clash.runtime.start());
    assert.match(
      error.message,
      /duplicate component name "orders": component "orders" \(bindings\.fake\) added in code and/,
    );
  });
});

describe('invoke', () => {
  async function started() {
    const runtime = new BindingsRuntime({ types: [fakeBinding], logger: silentLogger() });
    runtime.add({ name: 'fake', type: 'bindings.fake', metadata: { greeting: 'hello' } });
    await runtime.start();
    return runtime;
  }

  test("checks in Dapr's order with Dapr's texts", async () => {
    const runtime = await started();
    const texts = await Promise.all(
      [
        runtime.invoke('missing', ''),
        runtime.invoke('missing', 'echo'),
        runtime.invoke('fake', 'explode'),
        runtime.invoke('fake', 'fail'),
      ].map(rejection),
    );
    assert.deepEqual(
      texts.map((e) => e.message),
      [
        'operation field is missing from request',
        "couldn't find output binding missing",
        'binding fake does not support operation explode. supported operations:echo nothing fail fail-with-response',
        'the fake failed',
      ],
    );
    assert.deepEqual(
      texts.map((e) => (e as BindingError).reason),
      ['missing-operation', 'not-found', 'unsupported-operation', 'component'],
    );
    const first = texts[3] as BindingError;
    assert.equal(first.daprMessage, 'error invoking output binding fake: the fake failed');
    assert.equal(first.status, 502);
    assert.equal(first.code, 'BND_ERR_OUTPUT_BINDING');
    await runtime.close();
  });

  test('a component error keeps the response it carried', async () => {
    const runtime = await started();
    const error = (await rejection(runtime.invoke('fake', 'fail-with-response'))) as BindingError;
    assert.equal(error.message, 'received status code 418');
    assert.equal(error.response?.metadata.statusCode, '418');
    assert.equal(Buffer.from(error.response!.data).toString(), '{"reason":"teapot"}');
    await runtime.close();
  });

  test('data is encoded like the gRPC SDK sends it; no response means hasResponse false', async () => {
    const runtime = await started();
    const decode = async (data: unknown) => (await runtime.invoke('fake', 'echo', data)).text();
    assert.equal(await decode('plain text'), 'plain text');
    assert.equal(await decode({ a: 1 }), '{"a":1}');
    assert.equal(await decode(new Uint8Array([104, 105])), 'hi');
    assert.equal(await decode(undefined), '');
    const nothing = await runtime.invoke('fake', 'nothing');
    assert.equal(nothing.hasResponse, false);
    assert.equal(nothing.data.length, 0);
    await runtime.close();
  });

  test('close waits for calls under way, closes the components, and later calls find nothing', async () => {
    const runtime = new BindingsRuntime({ types: [fakeBinding], logger: silentLogger() });
    runtime.add({ name: 'closing', type: 'bindings.fake', metadata: { greeting: 'x' } });
    await runtime.start();
    const instance = fakeInstances.filter((i) => i.name === 'closing').at(-1)!;
    await runtime.close();
    assert.equal(instance.closed, true);
    assert.equal(
      (await rejection(runtime.invoke('closing', 'echo'))).message,
      "couldn't find output binding closing",
    );
    await runtime.close();
  });
});
