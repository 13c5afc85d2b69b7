import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkGraph,
  factory,
  InjectionGraphError,
  type InjectionKey,
  ProviderRegistry,
  seeded,
  token,
  useClass,
  value,
} from '../../src/inject/index.js';

class Clock {
  now(): number {
    return 0;
  }
}
class OrderRepo {
  static inject = [Clock] as const;
  constructor(readonly clock: Clock) {}
}
const Context = seeded<{ path: string }>('Context');

function problemsOf(run: () => void): readonly string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof InjectionGraphError, `expected an InjectionGraphError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('expected the graph check to throw');
}

function entry(owner: string, registry: ProviderRegistry, deps: Record<string, InjectionKey<unknown>>) {
  return { owner, registry, deps };
}

describe('checkGraph', () => {
  test('a complete graph passes', () => {
    const registry = new ProviderRegistry()
      .provide(Clock, useClass(Clock))
      .provide(OrderRepo, useClass(OrderRepo));
    checkGraph([entry('route POST /orders', registry, { orders: OrderRepo })]);
  });

  test('a missing provider names the chain back to the route', () => {
    const registry = new ProviderRegistry().provide(OrderRepo, useClass(OrderRepo));
    const problems = problemsOf(() =>
      checkGraph([entry('route POST /orders', registry, { orders: OrderRepo })]),
    );
    assert.deepEqual(problems, ['no provider for Clock, needed by OrderRepo ← route POST /orders']);
  });

  test('a missing provider needed by the route itself', () => {
    const problems = problemsOf(() =>
      checkGraph([entry('route GET /time', new ProviderRegistry(), { clock: Clock })]),
    );
    assert.deepEqual(problems, ['no provider for Clock, needed by route GET /time']);
  });

  test('a deep chain lists every step', () => {
    const Service = token<string>('Service');
    const registry = new ProviderRegistry().provide(OrderRepo, useClass(OrderRepo)).provide(
      Service,
      factory({ repo: OrderRepo }, () => 'svc'),
    );
    const problems = problemsOf(() => checkGraph([entry('route POST /orders', registry, { svc: Service })]));
    assert.deepEqual(problems, ['no provider for Clock, needed by OrderRepo ← Service ← route POST /orders']);
  });

  test('a provider shared by many routes reports its missing dependency once', () => {
    const registry = new ProviderRegistry().provide(OrderRepo, useClass(OrderRepo));
    const problems = problemsOf(() =>
      checkGraph([
        entry('route POST /orders', registry, { orders: OrderRepo }),
        entry('route GET /orders', registry, { orders: OrderRepo }),
      ]),
    );
    assert.deepEqual(problems, ['no provider for Clock, needed by OrderRepo ← route POST /orders']);
  });

  test('a cycle is printed around', () => {
    const A = token<string>('A');
    const B = token<string>('B');
    const C = token<string>('C');
    const registry = new ProviderRegistry()
      .provide(
        A,
        factory({ b: B }, () => 'a'),
      )
      .provide(
        B,
        factory({ c: C }, () => 'b'),
      )
      .provide(
        C,
        factory({ a: A }, () => 'c'),
      );
    const problems = problemsOf(() =>
      checkGraph([entry('route GET /a', registry, { a: A }), entry('route GET /b', registry, { b: B })]),
    );
    assert.deepEqual(problems, ['dependency cycle: A → B → C → A']);
  });

  test('a provider that needs itself', () => {
    const Self = token<string>('Self');
    const registry = new ProviderRegistry().provide(
      Self,
      factory({ self: Self }, () => 'x'),
    );
    const problems = problemsOf(() => checkGraph([entry('route GET /', registry, { self: Self })]));
    assert.deepEqual(problems, ['dependency cycle: Self → Self']);
  });

  test('a singleton may not depend on a request-scoped provider', () => {
    const User = token<string>('User');
    const Cache = token<string>('Cache');
    const registry = new ProviderRegistry()
      .provide(
        User,
        factory(() => 'ann', { scope: 'request' }),
      )
      .provide(
        Cache,
        factory({ user: User }, ({ user }) => user),
      );
    const problems = problemsOf(() => checkGraph([entry('route GET /me', registry, { cache: Cache })]));
    assert.deepEqual(problems, ['singleton Cache depends on request-scoped User: Cache → User']);
  });

  test('… nor on a seeded token, nor through a transient', () => {
    const Formatter = token<string>('Formatter');
    const Cache = token<string>('Cache');
    const Direct = token<string>('Direct');
    const registry = new ProviderRegistry()
      .provide(
        Formatter,
        factory({ ctx: Context }, ({ ctx }) => ctx.path, { scope: 'transient' }),
      )
      .provide(
        Cache,
        factory({ f: Formatter }, ({ f }) => f),
      )
      .provide(
        Direct,
        factory({ ctx: Context }, ({ ctx }) => ctx.path),
      );
    const problems = problemsOf(() =>
      checkGraph([entry('route GET /x', registry, { cache: Cache, direct: Direct })]),
    );
    assert.deepEqual(problems, [
      'singleton Cache depends on request-scoped Context: Cache → Formatter → Context',
      'singleton Direct depends on request-scoped Context: Direct → Context',
    ]);
  });

  test('auto scope becomes request-scoped when a dependency needs the request, and says why', () => {
    const Auto = token<string>('Auto');
    const Cache = token<string>('Cache');
    const registry = new ProviderRegistry()
      .provide(
        Auto,
        factory({ ctx: Context }, ({ ctx }) => ctx.path, { scope: 'auto' }),
      )
      .provide(
        Cache,
        factory({ auto: Auto }, ({ auto }) => auto),
      );
    const problems = problemsOf(() => checkGraph([entry('route GET /x', registry, { cache: Cache })]));
    assert.deepEqual(problems, ['singleton Cache depends on request-scoped Context: Cache → Auto → Context']);
  });

  test('every problem of every route comes in one error', () => {
    const A = token<string>('A');
    const B = token<string>('B');
    const User = token<string>('User');
    const Cache = token<string>('Cache');
    const registry = new ProviderRegistry()
      .provide(OrderRepo, useClass(OrderRepo))
      .provide(
        A,
        factory({ b: B }, () => 'a'),
      )
      .provide(
        B,
        factory({ a: A }, () => 'b'),
      )
      .provide(
        User,
        factory(() => 'ann', { scope: 'request' }),
      )
      .provide(
        Cache,
        factory({ user: User }, () => 'c'),
      );
    let caught: unknown;
    try {
      checkGraph([
        entry('route POST /orders', registry, { orders: OrderRepo }),
        entry('route GET /a', registry, { a: A }),
        entry('route GET /cache', registry, { cache: Cache }),
      ]);
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof InjectionGraphError);
    assert.equal(
      caught.message,
      [
        'dependency graph has 3 problems:',
        '  - no provider for Clock, needed by OrderRepo ← route POST /orders',
        '  - dependency cycle: A → B → A',
        '  - singleton Cache depends on request-scoped User: Cache → User',
      ].join('\n'),
    );
    assert.equal(caught.name, 'InjectionGraphError');
  });

  test('one problem is singular', () => {
    let caught: unknown;
    try {
      checkGraph([entry('route GET /time', new ProviderRegistry(), { clock: Clock })]);
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof InjectionGraphError);
    assert.equal(
      caught.message,
      'dependency graph has 1 problem:\n  - no provider for Clock, needed by route GET /time',
    );
  });

  test('providers no route uses are checked too', () => {
    const registry = new ProviderRegistry().provide(OrderRepo, useClass(OrderRepo));
    const child = new ProviderRegistry(registry);
    const problems = problemsOf(() => checkGraph([entry('route GET /health', child, {})]));
    assert.deepEqual(problems, ['no provider for Clock, needed by OrderRepo']);
  });

  test('undefined keys (circular imports) are named by position', () => {
    class Late {
      static inject = [undefined as unknown as typeof Clock] as const;
      constructor(readonly clock: Clock) {}
    }
    const Svc = token<string>('Svc');
    const registry = new ProviderRegistry().provide(Late, useClass(Late)).provide(
      Svc,
      factory({ clock: undefined as unknown as typeof Clock }, () => 's'),
    );
    const problems = problemsOf(() =>
      checkGraph([
        entry('route GET /late', registry, {
          late: Late,
          svc: Svc,
          gone: undefined as unknown as typeof Clock,
        }),
      ]),
    );
    assert.deepEqual(problems, [
      'constructor argument 1 of Late ← route GET /late is undefined, not a token or a class (a circular import?)',
      'dependency "clock" of Svc ← route GET /late is undefined, not a token or a class (a circular import?)',
      'dependency "gone" of route GET /late is undefined, not a token or a class (a circular import?)',
    ]);
  });

  test('a constructor with more parameters than declared dependencies', () => {
    class Mailer {
      constructor(
        readonly clock: Clock,
        readonly from: string,
      ) {}
    }
    const registry = new ProviderRegistry().provide(Mailer, useClass(Mailer as never));
    const problems = problemsOf(() => checkGraph([entry('route POST /mail', registry, { mailer: Mailer })]));
    assert.deepEqual(problems, [
      'constructor of Mailer takes 2 arguments but 0 dependencies are declared (static inject or the inject option)',
    ]);
  });

  test('dependencies are looked up from where the provider is registered, nearest first', () => {
    const root = new ProviderRegistry()
      .provide(Clock, useClass(Clock))
      .provide(OrderRepo, useClass(OrderRepo));
    const service = new ProviderRegistry(root);
    checkGraph([entry('route POST /orders', service, { orders: OrderRepo })]);
    const lonely = new ProviderRegistry().provide(OrderRepo, useClass(OrderRepo));
    const withClock = new ProviderRegistry(lonely).provide(Clock, useClass(Clock));
    const problems = problemsOf(() =>
      checkGraph([entry('route POST /orders', withClock, { orders: OrderRepo })]),
    );
    assert.deepEqual(problems, ['no provider for Clock, needed by OrderRepo ← route POST /orders']);
  });

  test('one provider object registered where its dependencies differ is refused', () => {
    const Port = token<number>('Port');
    const shared = factory({ port: Port }, ({ port }) => `:${port}`);
    const Url = token<string>('Url');
    const root = new ProviderRegistry();
    const a = new ProviderRegistry(root).provide(Port, value(1)).provide(Url, shared);
    const b = new ProviderRegistry(root).provide(Port, value(2)).provide(Url, shared);
    const problems = problemsOf(() =>
      checkGraph([entry('route GET /a', a, { url: Url }), entry('route GET /b', b, { url: Url })]),
    );
    assert.deepEqual(problems, [
      'Url is registered in two places where its dependency Port resolves to different providers; give each place its own provider',
    ]);
    const same = new ProviderRegistry(root.provide(Port, value(3)));
    const c = new ProviderRegistry(same).provide(Url, shared);
    const d = new ProviderRegistry(same).provide(Url, shared);
    checkGraph([entry('route GET /c', c, { url: Url }), entry('route GET /d', d, { url: Url })]);
  });

  test('seeded tokens need no provider', () => {
    const Path = token<string>('Path');
    const registry = new ProviderRegistry().provide(
      Path,
      factory({ ctx: Context }, ({ ctx }) => ctx.path, { scope: 'request' }),
    );
    checkGraph([entry('route GET /x', registry, { ctx: Context, path: Path })]);
  });
});
