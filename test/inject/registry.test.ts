import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { factory, ProviderRegistry, seeded, token, value } from '../../src/inject/index.js';

describe('ProviderRegistry', () => {
  test('the nearest registration wins; has() looks up the chain, hasOwn() does not', () => {
    const Port = token<number>('Port');
    const root = new ProviderRegistry();
    const child = new ProviderRegistry(root);
    root.provide(Port, value(1));
    assert.ok(child.has(Port));
    assert.ok(!child.hasOwn(Port));
    assert.equal(child.lookup(Port)?.registry, root);
    const near = value(2);
    child.provide(Port, near);
    assert.equal(child.lookup(Port)?.provider, near);
    assert.equal(child.root, root);
  });

  test('rejects a second registration of a key at the same level', () => {
    const Port = token<number>('Port');
    const registry = new ProviderRegistry().provide(Port, value(1));
    assert.throws(() => registry.provide(Port, value(2)), {
      message: 'Port is already provided at this level',
    });
  });

  test('rejects seeded tokens, bad keys and things that are not providers', () => {
    const registry = new ProviderRegistry();
    assert.throws(() => registry.provide(seeded<string>('Context'), value('x')), {
      message: 'Context is seeded with each request and cannot have a provider',
    });
    assert.throws(() => registry.provide(undefined as never, value(1)), {
      message: 'provide(key, provider): key must be a token or a class, got undefined',
    });
    assert.throws(() => registry.provide(token<number>('Port'), (() => 1) as never), {
      message: 'provide(Port, provider): use value(), factory() or useClass() to make the provider',
    });
  });

  test('factory(deps, fn) requires a function', () => {
    assert.throws(() => factory({}, undefined as never), {
      message: 'factory(deps, fn): fn must be a function',
    });
  });
});
