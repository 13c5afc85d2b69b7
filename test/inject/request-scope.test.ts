import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RequestScope, seeded } from '../../src/inject/index.js';

describe('RequestScope', () => {
  test('seeds from an array, any iterable, or seed(); undefined is a value too', () => {
    const A = seeded<string>('A');
    const B = seeded<string | undefined>('B');
    const fromArray = new RequestScope([
      [A, 'a'],
      [B, undefined],
    ]);
    assert.equal(fromArray.get(A), 'a');
    assert.ok(fromArray.has(B));
    assert.equal(fromArray.get(B), undefined);
    const fromMap = new RequestScope(new Map([[A, 'm']]));
    assert.equal(fromMap.get(A), 'm');
    assert.ok(!fromMap.has(B));
    const seededLater = new RequestScope().seed(A, 'later');
    assert.equal(seededLater.get(A), 'later');
  });

  test('remember replaces a value held under the same key', () => {
    const scope = new RequestScope();
    const key = {};
    scope.remember(key, 1);
    scope.remember(key, 2);
    assert.equal(scope.get(key), 2);
  });

  test('dispose runs releases newest first and empties the scope', async () => {
    const A = seeded<string>('A');
    const scope = new RequestScope([[A, 'a']]);
    const log: number[] = [];
    scope.onDispose(() => log.push(1));
    scope.onDispose(async () => {
      log.push(2);
    });
    await scope.dispose();
    assert.deepEqual(log, [2, 1]);
    assert.ok(!scope.has(A));
    assert.throws(() => scope.onDispose(() => {}), { message: 'this request scope was already disposed' });
  });
});
