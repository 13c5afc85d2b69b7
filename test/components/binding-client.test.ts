import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type BindingClient,
  binding,
  bindingProviders,
  provideBindings,
} from '../../src/components/binding-client.js';
import type { BindingOperations } from '../../src/components/bindings/index.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { Container, WebService } from '../../src/service/index.js';
import { fakeBinding } from './fake-binding.js';
import { silentLogger } from './support.js';

async function startedRuntime(): Promise<BindingsRuntime> {
  const runtime = new BindingsRuntime({ types: [fakeBinding], logger: silentLogger() });
  runtime.add({ name: 'echoer', type: 'bindings.fake', metadata: { greeting: 'hi' } });
  await runtime.start();
  return runtime;
}

describe('binding(name)', () => {
  test('is one token per name, whatever the operation type', () => {
    const a = binding<'echo'>('same');
    const b = binding<BindingOperations['bindings.redis']>('same');
    assert.equal(a as unknown, b as unknown);
    assert.notEqual(binding('other') as unknown, a as unknown);
  });

  test('invoke accepts only the operations the key was typed with', () => {
    const client = { name: 'x', invoke: async () => ({}) } as unknown as BindingClient<'create' | 'get'>;
    // @ts-expect-error 'drop' is not an operation of this client
    const wrong = () => client.invoke('drop');
    const right = () => client.invoke('get', undefined, { key: 'k' });
    assert.equal(typeof wrong, typeof right);
  });

  test('bindingProviders needs a started runtime', () => {
    assert.throws(
      () => bindingProviders(new BindingsRuntime({ logger: silentLogger() })),
      /await runtime\.start\(\) first/,
    );
  });
});

describe('injected into routes', () => {
  test('a handler gets a typed client; binding errors answer 502 problem+json', async () => {
    const runtime = await startedRuntime();
    const ws = new WebService('/orders');
    ws.post('/echo')
      .inject({ echoer: binding<'echo' | 'fail'>('echoer') })
      .to(async (_input, { echoer }) => (await echoer.invoke('echo', { id: 7 })).json());
    ws.post('/fail')
      .inject({ echoer: binding<'echo' | 'fail'>('echoer') })
      .to(async (_input, { echoer }) => echoer.invoke('fail'));
    const container = new Container({ logger: false }).add(ws);
    provideBindings(container, runtime);

    const ok = await container.inject({ method: 'POST', url: '/orders/echo' });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.json(), { id: 7 });

    const failed = await container.inject({ method: 'POST', url: '/orders/fail' });
    assert.equal(failed.status, 502);
    assert.equal(failed.headers['content-type'], 'application/problem+json');
    const problem = failed.json() as { code: string; detail: string };
    assert.equal(problem.code, 'BND_ERR_OUTPUT_BINDING');
    assert.equal(problem.detail, 'the fake failed');
    await container.close();
    await runtime.close();
  });

  test('a binding the app needs but nobody configured fails at start-up, not at the first request', async () => {
    const runtime = await startedRuntime();
    const ws = new WebService('/x');
    ws.get('/')
      .inject({ store: binding('not-configured') })
      .to(() => 'never');
    const container = new Container({ logger: false }).add(ws);
    provideBindings(container, runtime);
    await assert.rejects(container.ready(), /couldn't find output binding not-configured \(loaded: echoer\)/);
    await runtime.close();
  });

  test('operations listed with binding(name, ops) are checked at start-up', async () => {
    const runtime = await startedRuntime();
    const ws = new WebService('/y');
    ws.get('/')
      .inject({ store: binding('echoer', ['echo', 'upsert']) })
      .to(() => 'never');
    const container = new Container({ logger: false }).add(ws);
    provideBindings(container, runtime);
    await assert.rejects(
      container.ready(),
      /binding echoer does not support operation upsert\. supported operations:echo nothing fail fail-with-response/,
    );
    await runtime.close();
  });
});
