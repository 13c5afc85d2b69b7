import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HttpError } from '../../src/http/http-error.js';
import {
  compilePlan,
  factory,
  InjectionGraphError,
  isStop,
  ProviderRegistry,
  RequestScope,
  seeded,
  skip,
  stop,
  token,
  useClass,
  value,
} from '../../src/inject/index.js';

class Clock {
  now(): number {
    return 42;
  }
}
const Context = seeded<{ user?: string }>('Context');
const User = token<string>('User');
const Config = token<{ port: number }>('Config');

function scopeFor(user?: string): RequestScope {
  return new RequestScope([[Context, { user }]]);
}

describe('compilePlan', () => {
  test('no dependencies: empty, not request-scoped, one shared frozen object', async () => {
    const plan = compilePlan(new ProviderRegistry(), {}, 'route GET /');
    assert.equal(plan.empty, true);
    assert.equal(plan.requestScoped, false);
    await plan.prepare();
    const deps = plan.resolve();
    assert.deepEqual(deps, {});
    assert.equal(plan.resolve(), deps);
    assert.ok(Object.isFrozen(deps));
  });

  test('reaches: a provider used through other providers counts, one the plan never uses does not', () => {
    const Client = token<string>('Client');
    const Service = token<string>('Service');
    const client = factory(() => 'client');
    const registry = new ProviderRegistry();
    registry.provide(Client, client);
    registry.provide(
      Service,
      factory({ client: Client }, ({ client: c }) => `service using ${c}`),
    );
    registry.provide(Config, value({ port: 80 }));
    const isClient = (provider: unknown) => provider === client;
    assert.equal(compilePlan(registry, { service: Service }, 'route GET /a').reaches(isClient), true);
    assert.equal(compilePlan(registry, { config: Config }, 'route GET /b').reaches(isClient), false);
    assert.equal(compilePlan(registry, {}, 'route GET /c').reaches(isClient), false);
  });

  test('only singletons: the same prebuilt object, synchronously', async () => {
    let made = 0;
    const registry = new ProviderRegistry()
      .provide(Clock, useClass(Clock))
      .provide(Config, value({ port: 80 }))
      .provide(
        User,
        factory(async () => `user${++made}`),
      );
    const plan = compilePlan(registry, { clock: Clock, config: Config, user: User }, 'route GET /');
    assert.equal(plan.requestScoped, false);
    assert.equal(plan.empty, false);
    await plan.prepare();
    const first = plan.resolve();
    assert.ok(!(first instanceof Promise));
    assert.equal(plan.resolve(), first);
    assert.ok(Object.isFrozen(first));
    assert.equal(first.user, 'user1');
    assert.equal(first.clock.now(), 42);
    assert.deepEqual(first.config, { port: 80 });
  });

  test('a singleton is made once per container, however many plans and registrations use it', async () => {
    let made = 0;
    const shared = factory(() => ++made);
    const Count = token<number>('Count');
    const root = new ProviderRegistry();
    const a = new ProviderRegistry(root).provide(Count, shared);
    const b = new ProviderRegistry(root).provide(Count, shared);
    const p1 = compilePlan(a, { n: Count }, 'route GET /a');
    const p2 = compilePlan(b, { n: Count }, 'route GET /b');
    await Promise.all([p1.prepare(), p2.prepare()]);
    assert.equal(made, 1);
    assert.equal((p1.resolve() as { n: number }).n, 1);
    const other = new ProviderRegistry().provide(Count, shared);
    const p3 = compilePlan(other, { n: Count }, 'route GET /c');
    await p3.prepare();
    assert.equal(made, 2, 'another container makes its own');
  });

  test('request-scoped: one instance per request, shared inside it, built from the seeded Context', async () => {
    let made = 0;
    const Greeting = token<string>('Greeting');
    const registry = new ProviderRegistry()
      .provide(Clock, useClass(Clock))
      .provide(
        User,
        factory({ ctx: Context }, ({ ctx }) => `${ctx.user}#${++made}`, { scope: 'request' }),
      )
      .provide(
        Greeting,
        factory({ user: User, clock: Clock }, ({ user, clock }) => `hi ${user} at ${clock.now()}`, {
          scope: 'request',
        }),
      );
    const plan = compilePlan(registry, { user: User, greeting: Greeting, clock: Clock }, 'route GET /me');
    assert.equal(plan.requestScoped, true);
    await plan.prepare();
    const scope = scopeFor('ann');
    const deps = plan.resolve(scope);
    assert.ok(!(deps instanceof Promise), 'sync factories resolve synchronously');
    assert.deepEqual(
      { ...deps, clock: undefined },
      { user: 'ann#1', greeting: 'hi ann#1 at 42', clock: undefined },
    );
    const again = plan.resolve(scope) as typeof deps;
    assert.equal(again.user, 'ann#1', 'same request, same instance');
    const next = plan.resolve(scopeFor('bob')) as typeof deps;
    assert.equal(next.user, 'bob#2');
    assert.equal(made, 2);
  });

  test('transient: a new value wherever it is needed', async () => {
    let made = 0;
    const Id = token<number>('Id');
    const Pair = token<[number, number]>('Pair');
    const registry = new ProviderRegistry()
      .provide(
        Id,
        factory(() => ++made, { scope: 'transient' }),
      )
      .provide(
        Pair,
        factory({ a: Id, b: Id }, ({ a, b }) => [a, b] as [number, number], { scope: 'transient' }),
      );
    const plan = compilePlan(registry, { id: Id, pair: Pair }, 'route GET /ids');
    assert.equal(plan.requestScoped, true);
    await plan.prepare();
    const scope = new RequestScope();
    assert.deepEqual(plan.resolve(scope), { id: 1, pair: [2, 3] });
    assert.deepEqual(plan.resolve(scope), { id: 4, pair: [5, 6] });
  });

  test('a transient needed by a singleton lives as long as the singleton', async () => {
    let made = 0;
    const Id = token<number>('Id');
    const Holder = token<{ id: number }>('Holder');
    const registry = new ProviderRegistry()
      .provide(
        Id,
        factory(() => ++made, { scope: 'transient' }),
      )
      .provide(
        Holder,
        factory({ id: Id }, ({ id }) => ({ id })),
      );
    const plan = compilePlan(registry, { holder: Holder }, 'route GET /');
    assert.equal(plan.requestScoped, false);
    await plan.prepare();
    assert.deepEqual(plan.resolve(), { holder: { id: 1 } });
    assert.deepEqual(plan.resolve(), { holder: { id: 1 } });
  });

  test('async request-scoped factories make resolve return a promise', async () => {
    const registry = new ProviderRegistry()
      .provide(
        User,
        factory({ ctx: Context }, async ({ ctx }) => `${ctx.user}!`, { scope: 'request' }),
      )
      .provide(
        Config,
        factory({ user: User }, ({ user }) => ({ port: user.length }), { scope: 'request' }),
      );
    const plan = compilePlan(registry, { user: User, config: Config }, 'route GET /');
    await plan.prepare();
    const pending = plan.resolve(scopeFor('ann'));
    assert.ok(pending instanceof Promise);
    assert.deepEqual(await pending, { user: 'ann!', config: { port: 4 } });
  });

  test('an async request-scoped value is made once even when asked twice before it settles', async () => {
    let made = 0;
    const registry = new ProviderRegistry().provide(
      User,
      factory(async () => `u${++made}`, { scope: 'request' }),
    );
    const plan = compilePlan(registry, { user: User }, 'route GET /');
    await plan.prepare();
    const scope = new RequestScope();
    const [a, b] = await Promise.all([plan.resolve(scope), plan.resolve(scope)]);
    assert.equal(a.user, 'u1');
    assert.equal(b.user, 'u1');
    assert.equal(made, 1);
  });

  test('a provider stops the request by returning or throwing stop(result)', async () => {
    const answer = { status: 401 };
    const Returned = token<string>('Returned');
    const Thrown = token<string>('Thrown');
    const registry = new ProviderRegistry()
      .provide(
        Returned,
        factory({ ctx: Context }, ({ ctx }) => (ctx.user ? ctx.user : stop(answer)), { scope: 'request' }),
      )
      .provide(
        Thrown,
        factory(
          { ctx: Context },
          async ({ ctx }) => {
            if (!ctx.user) throw stop(answer);
            return ctx.user;
          },
          { scope: 'request' },
        ),
      );
    const returned = compilePlan(registry, { user: Returned }, 'route GET /a');
    const thrown = compilePlan(registry, { user: Thrown }, 'route GET /b');
    await Promise.all([returned.prepare(), thrown.prepare()]);
    assert.deepEqual(returned.resolve(scopeFor('ann')), { user: 'ann' });
    let caught: unknown;
    try {
      returned.resolve(scopeFor());
    } catch (error) {
      caught = error;
    }
    assert.ok(isStop(caught));
    assert.equal(caught.result, answer);
    await assert.rejects(
      Promise.resolve(thrown.resolve(scopeFor())),
      (error) => isStop(error) && error.result === answer,
    );
  });

  test('an HttpError from a provider reaches the pipeline as is', async () => {
    const registry = new ProviderRegistry().provide(
      User,
      factory(
        () => {
          throw new HttpError(403, 'no entry');
        },
        { scope: 'request' },
      ),
    );
    const plan = compilePlan(registry, { user: User }, 'route GET /');
    await plan.prepare();
    assert.throws(
      () => plan.resolve(new RequestScope()),
      (error) => error instanceof HttpError && error.status === 403,
    );
  });

  test('skip leaves the dependency undefined', async () => {
    const Maybe = token<string | undefined>('Maybe');
    const registry = new ProviderRegistry().provide(
      Maybe,
      factory({ ctx: Context }, ({ ctx }) => ctx.user ?? skip, { scope: 'request' }),
    );
    const plan = compilePlan(registry, { maybe: Maybe }, 'route GET /');
    await plan.prepare();
    assert.deepEqual(plan.resolve(scopeFor('ann')), { maybe: 'ann' });
    assert.deepEqual(plan.resolve(scopeFor()), { maybe: undefined });
  });

  test('graph problems wait for prepare(), so checkGraph can report every route first', async () => {
    const plan = compilePlan(new ProviderRegistry(), { clock: Clock }, 'route GET /time');
    await assert.rejects(plan.prepare(), (error) => {
      assert.ok(error instanceof InjectionGraphError);
      assert.deepEqual(error.problems, ['no provider for Clock, needed by route GET /time']);
      return true;
    });
  });

  test('resolve before prepare is refused', () => {
    const registry = new ProviderRegistry().provide(Clock, useClass(Clock));
    const plan = compilePlan(registry, { clock: Clock }, 'route GET /time');
    assert.throws(() => plan.resolve(), {
      message: "the dependencies of route GET /time were not prepared: the container's ready() prepares them",
    });
  });

  test('a singleton that fails at startup is named', async () => {
    const Db = token<string>('Db');
    const registry = new ProviderRegistry().provide(
      Db,
      factory(async () => {
        throw new Error('connect ECONNREFUSED');
      }),
    );
    const plan = compilePlan(registry, { db: Db }, 'route GET /');
    await assert.rejects(plan.prepare(), (error: Error) => {
      assert.equal(error.message, 'could not make Db: connect ECONNREFUSED');
      assert.equal((error.cause as Error).message, 'connect ECONNREFUSED');
      return true;
    });
  });

  test('a singleton may not stop at startup', async () => {
    const registry = new ProviderRegistry().provide(
      User,
      factory(() => stop('no')),
    );
    const plan = compilePlan(registry, { user: User }, 'route GET /');
    await assert.rejects(plan.prepare(), {
      message:
        'User answered stop(...) while being made at startup; only request-time providers can stop a request',
    });
  });

  test('a seeded token missing from the scope is a clear error', async () => {
    const plan = compilePlan(new ProviderRegistry(), { ctx: Context }, 'route GET /');
    await plan.prepare();
    assert.throws(() => plan.resolve(new RequestScope()), {
      message: 'Context is seeded per request, but this request scope has no value for it',
    });
    assert.throws(() => plan.resolve(RequestScope.none), {
      message: 'Context is seeded per request, but this request scope has no value for it',
    });
    const scope = new RequestScope().seed(Context, { user: 'x' });
    assert.deepEqual(plan.resolve(scope), { ctx: { user: 'x' } });
  });

  test('RequestScope.none accepts nothing', async () => {
    const registry = new ProviderRegistry().provide(
      User,
      factory(() => 'u', { scope: 'request' }),
    );
    const plan = compilePlan(registry, { user: User }, 'route GET /');
    await plan.prepare();
    assert.throws(() => plan.resolve(), {
      message: 'RequestScope.none holds no values: create a RequestScope per request',
    });
  });

  test('a disposed scope is not reused', async () => {
    const registry = new ProviderRegistry().provide(
      User,
      factory(() => 'u', { scope: 'request' }),
    );
    const plan = compilePlan(registry, { user: User }, 'route GET /');
    await plan.prepare();
    const scope = new RequestScope();
    await scope.dispose();
    assert.ok(scope.isDisposed);
    assert.throws(() => plan.resolve(scope), { message: 'this request scope was already disposed' });
  });
});
