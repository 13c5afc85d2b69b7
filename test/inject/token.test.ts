import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isInjectionKey, isSeeded, isToken, keyName, seeded, token } from '../../src/inject/index.js';

describe('tokens', () => {
  test('token() makes a frozen, unique key named for errors', () => {
    const a = token<number>('Port');
    const b = token<number>('Port');
    assert.notEqual(a, b);
    assert.equal(a.name, 'Port');
    assert.ok(Object.isFrozen(a));
    assert.ok(isToken(a));
    assert.ok(!isSeeded(a));
  });

  test('seeded() makes a token marked as supplied per request', () => {
    const ctx = seeded<{ id: string }>('Context');
    assert.ok(isToken(ctx));
    assert.ok(isSeeded(ctx));
    assert.equal(ctx.seeded, true);
  });

  test('classes are keys named after the class', () => {
    class Clock {}
    assert.ok(isInjectionKey(Clock));
    assert.ok(isInjectionKey(token('x')));
    assert.ok(!isInjectionKey(undefined));
    assert.ok(!isInjectionKey('Clock'));
    assert.equal(keyName(Clock), 'Clock');
    assert.equal(keyName(token('Db')), 'Db');
    assert.equal(keyName((() => class {})()), '(anonymous class)');
  });
});
