import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compilePlan,
  disposable,
  factory,
  type InjectionKey,
  type Instance,
  type Provider,
  ProviderRegistry,
  type ResolutionPlan,
  type Resolved,
  seeded,
  skip,
  stop,
  token,
  useClass,
  value,
} from '../../src/inject/index.js';
import { type Equal, expectType } from '../support/type-assert.js';

class Clock {
  now(): number {
    return 1;
  }
}
abstract class Repo {
  abstract find(id: number): string;
}
class PgRepo extends Repo {
  static inject = [Clock] as const;
  constructor(readonly clock: Clock) {
    super();
  }
  find(id: number): string {
    return `${id}@${this.clock.now()}`;
  }
}
const Port = token<number>('Port');
const Context = seeded<{ path: string }>('Context');

// Keys: tokens, classes and abstract classes stand for their instances.
expectType<Equal<Instance<typeof Port>, number>>();
expectType<Equal<Instance<typeof Clock>, Clock>>();
expectType<Equal<Instance<typeof Repo>, Repo>>();
expectType<Equal<Instance<typeof Context>, { path: string }>>();

// A deps record resolves key by key, without annotations.
type Deps = Resolved<{ clock: typeof Clock; port: typeof Port; repo: typeof Repo; ctx: typeof Context }>;
expectType<
  Equal<
    Deps,
    { readonly clock: Clock; readonly port: number; readonly repo: Repo; readonly ctx: { path: string } }
  >
>();

// Factories get their dependencies typed and provide what they return, unwrapped.
const viaDeps = factory({ clock: Clock, port: Port }, ({ clock, port }) => {
  expectType<Equal<typeof clock, Clock>>();
  expectType<Equal<typeof port, number>>();
  return `${clock.now()}:${port}`;
});
expectType<Equal<typeof viaDeps, Provider<string>>>();
const asyncOne = factory(async () => new Clock());
expectType<Equal<typeof asyncOne, Provider<Clock>>>();
const withDisposer = factory(() => disposable(new Clock(), (c) => c.now()));
expectType<Equal<typeof withDisposer, Provider<Clock>>>();
const mayStop = factory({ ctx: Context }, ({ ctx }) => (ctx.path === '/' ? stop(401) : ctx.path), {
  scope: 'request',
});
expectType<Equal<typeof mayStop, Provider<string>>>();
const maySkip = factory({ ctx: Context }, async ({ ctx }) => (ctx.path === '/' ? skip : ctx.path));
expectType<Equal<typeof maySkip, Provider<string | undefined>>>();
const disposeTyped = factory(() => new Clock(), {
  dispose: (clock) => {
    expectType<Equal<typeof clock, Clock>>();
  },
});
expectType<Equal<typeof disposeTyped, Provider<Clock>>>();

// Classes: constructor arguments must match the declared dependencies.
const pg = useClass(PgRepo);
expectType<Equal<typeof pg, Provider<PgRepo>>>();
const plain = useClass(Clock);
expectType<Equal<typeof plain, Provider<Clock>>>();
class NeedsPort {
  constructor(readonly port: number) {}
}
const byOption = useClass(NeedsPort, { inject: [Port] });
expectType<Equal<typeof byOption, Provider<NeedsPort>>>();

// Registration: a provider must provide the key's type (or a subtype); the key alone decides T.
const registry = new ProviderRegistry();
registry.provide(Repo, pg);
registry.provide(Port, value(8080));
registry.provide(token<string | undefined>('Path'), maySkip);
const key: InjectionKey<Repo> = PgRepo;

/** Mistakes the type checker must refuse; never called, so nothing happens at run time. */
export function refused(other: ProviderRegistry): void {
  // @ts-expect-error the constructor wants a number, the declared dependency is a Clock
  useClass(NeedsPort, { inject: [Clock] });
  // @ts-expect-error the constructor wants an argument and none is declared
  useClass(NeedsPort);
  // @ts-expect-error a string is not a number
  other.provide(Port, value('8080'));
  // @ts-expect-error a provider that may skip provides T | undefined, so the key must allow undefined
  other.provide(token<string>('Path'), maySkip);
}

// Plans are typed by the deps record.
const plan = compilePlan(registry, { repo: Repo, port: Port }, 'route GET /');
expectType<Equal<typeof plan, ResolutionPlan<{ readonly repo: Repo; readonly port: number }>>>();

test('inject types compile (the assertions above are checked by tsc)', () => {
  assert.equal(typeof key, 'function');
});
