import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  compilePlan,
  disposable,
  factory,
  ProviderRegistry,
  RequestScope,
  skip,
  stop,
  token,
  useClass,
  value,
} from '../../src/inject/index.js';

describe('disposal', () => {
  test('request-scoped values are disposed when the scope ends, newest first', async () => {
    const log: string[] = [];
    const Tx = token<string>('Tx');
    const Repo = token<string>('Repo');
    const registry = new ProviderRegistry()
      .provide(
        Tx,
        factory(() => disposable('tx', (v) => log.push(`rollback ${v}`)), { scope: 'request' }),
      )
      .provide(
        Repo,
        factory({ tx: Tx }, ({ tx }) => `repo(${tx})`, {
          scope: 'request',
          dispose: (v) => log.push(`close ${v}`),
        }),
      );
    const plan = compilePlan(registry, { repo: Repo }, 'route POST /orders');
    await plan.prepare();
    const scope = new RequestScope();
    assert.deepEqual(plan.resolve(scope), { repo: 'repo(tx)' });
    assert.deepEqual(log, []);
    await scope.dispose();
    assert.deepEqual(log, ['close repo(tx)', 'rollback tx']);
  });

  test('values made before a provider stopped are still disposed', async () => {
    const log: string[] = [];
    const Tx = token<string>('Tx');
    const Guard = token<string>('Guard');
    const registry = new ProviderRegistry()
      .provide(
        Tx,
        factory(() => disposable('tx', () => log.push('rollback')), { scope: 'request' }),
      )
      .provide(
        Guard,
        factory({ tx: Tx }, () => stop(401), { scope: 'request' }),
      );
    const plan = compilePlan(registry, { tx: Tx, guard: Guard }, 'route POST /orders');
    await plan.prepare();
    const scope = new RequestScope();
    assert.throws(() => plan.resolve(scope));
    await scope.dispose();
    assert.deepEqual(log, ['rollback']);
  });

  test('singletons are disposed by the root registry, newest first, and made again after', async () => {
    const log: string[] = [];
    class Pool {
      static made = 0;
      readonly n = ++Pool.made;
    }
    class Repo {
      static inject = [Pool] as const;
      constructor(readonly pool: Pool) {}
    }
    const root = new ProviderRegistry()
      .provide(Pool, useClass(Pool, { dispose: (p) => log.push(`pool ${p.n}`) }))
      .provide(Repo, useClass(Repo, { dispose: () => log.push('repo') }));
    const Port = token<number>('Port');
    const child = new ProviderRegistry(root).provide(
      Port,
      value(1, { dispose: (v) => log.push(`port ${v}`) }),
    );
    const plan = compilePlan(child, { repo: Repo, port: Port }, 'route GET /');
    await plan.prepare();
    await child.dispose();
    assert.deepEqual(log, ['port 1', 'repo', 'pool 1'], 'a child registry disposes the whole root');
    await root.dispose();
    assert.deepEqual(log, ['port 1', 'repo', 'pool 1'], 'disposing twice does nothing');
    const again = compilePlan(child, { repo: Repo }, 'route GET /');
    await again.prepare();
    assert.equal((again.resolve() as { repo: Repo }).repo.pool.n, 2);
  });

  test('every disposer runs even when some fail; the failures are thrown together', async () => {
    const scope = new RequestScope();
    const log: string[] = [];
    scope.onDispose(() => log.push('first'));
    scope.onDispose(() => {
      throw new Error('a');
    });
    scope.onDispose(async () => {
      throw new Error('b');
    });
    await assert.rejects(
      async () => scope.dispose(),
      (error: AggregateError) => {
        assert.equal(error.message, '2 disposers failed');
        assert.deepEqual(
          error.errors.map((e: Error) => e.message),
          ['b', 'a'],
        );
        return true;
      },
    );
    assert.deepEqual(log, ['first']);
    const single = new RequestScope();
    single.onDispose(() => {
      throw new Error('only');
    });
    await assert.rejects(async () => single.dispose(), { message: 'only' });
  });

  test('a disposable value ignores the dispose option; skip never registers one', async () => {
    const log: string[] = [];
    const A = token<string>('A');
    const B = token<string | undefined>('B');
    const registry = new ProviderRegistry()
      .provide(
        A,
        factory(() => disposable('a', () => log.push('own')), {
          scope: 'request',
          dispose: () => log.push('option'),
        }),
      )
      .provide(
        B,
        factory(() => skip, { scope: 'request', dispose: () => log.push('skipped') }),
      );
    const plan = compilePlan(registry, { a: A, b: B }, 'route GET /');
    await plan.prepare();
    const scope = new RequestScope();
    assert.deepEqual(plan.resolve(scope), { a: 'a', b: undefined });
    await scope.dispose();
    assert.deepEqual(log, ['own']);
  });
});
