import { StartupError } from '../http/startup-error.js';
import { GraphAnalysis, isNode, type ProviderNode, type Target } from './graph.js';
import { InjectionGraphError } from './injection-graph-error.js';
import { finish, makeSingleton } from './instantiate.js';
import { type Provider, type ProviderRecipe, recipe } from './provider.js';
import { type RecordBuilder, type RecordField, recordBuilder } from './record-builder.js';
import type { ProviderRegistry } from './registry.js';
import { absent, RequestScope } from './request-scope.js';
import type { ResolveScope } from './resolve-scope.js';
import type { DepsRecord, Resolved } from './resolved.js';
import type { SeededToken } from './token.js';

/**
 * How one route gets its dependencies, compiled at startup. `resolve` is synchronous whenever
 * no request-time factory is async; a plan with only singletons hands out one prebuilt object.
 */
export interface ResolutionPlan<R> {
  readonly owner: string;
  /** No dependencies at all: the pipeline can skip the plan. */
  readonly empty: boolean;
  /** Needs a RequestScope per request (request-scoped, seeded or transient dependencies). */
  readonly requestScoped: boolean;
  /** Makes the singletons the plan needs (async ones included); the container's ready() calls it. */
  prepare(): Promise<void>;
  /** The dependencies for one request; throws a Stop when a provider stops the request. */
  resolve(scope?: ResolveScope): R | Promise<R>;
  /** Whether any provider the plan uses, directly or through other providers, passes `test`. */
  reaches(test: (provider: Provider<unknown>) => boolean): boolean;
}

/** Where a step argument comes from: a slot filled earlier in the same resolve, or a constant. */
interface Arg {
  readonly slot: number;
  readonly value: unknown;
}

/**
 * One piece of request-time work. It writes its value into `slots[slot]` and returns undefined,
 * or returns a promise that settles once it has: the resolve loop never inspects values.
 */
interface Step {
  run(scope: ResolveScope, slots: unknown[]): Promise<void> | undefined;
}

class SeedStep implements Step {
  constructor(
    private readonly key: SeededToken<unknown>,
    private readonly slot: number,
  ) {}

  run(scope: ResolveScope, slots: unknown[]): undefined {
    const value = scope.find(this.key);
    if (value === absent) {
      throw new StartupError(
        'BND_ERR_LIFECYCLE',
        `${this.key.name} is seeded per request, but this request scope has no value for it`,
      );
    }
    slots[this.slot] = value;
    return undefined;
  }
}

/** An async request-scoped value still being made: later asks in the same request wait for it. */
class InFlight {
  constructor(readonly promise: Promise<unknown>) {}
}

class BuildStep implements Step {
  private readonly how: ProviderRecipe;

  constructor(
    private readonly provider: Provider<unknown>,
    private readonly args: readonly Arg[],
    private readonly slot: number,
    /** Request-scoped: one instance per request, kept in the scope. */
    private readonly cached: boolean,
  ) {
    this.how = provider[recipe];
  }

  run(scope: ResolveScope, slots: unknown[]): Promise<void> | undefined {
    const provider = this.provider;
    if (this.cached) {
      const hit = scope.find(provider);
      if (hit !== absent) {
        if (!(hit instanceof InFlight)) {
          slots[this.slot] = hit;
          return undefined;
        }
        return hit.promise.then((value) => {
          slots[this.slot] = value;
        });
      }
    }
    const args = this.args;
    const values = new Array<unknown>(args.length);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as Arg;
      values[i] = arg.slot < 0 ? arg.value : slots[arg.slot];
    }
    const built = this.how.build(values);
    if (built instanceof Promise) {
      const made = built.then((value) => this.settle(scope, value));
      if (this.cached) scope.remember(provider, new InFlight(made));
      return made.then((value) => {
        slots[this.slot] = value;
      });
    }
    slots[this.slot] = this.settle(scope, built);
    return undefined;
  }

  private settle(scope: ResolveScope, built: unknown): unknown {
    const value = finish(this.provider, built, scope);
    if (this.cached) scope.remember(this.provider, value);
    return value;
  }
}

const emptyDeps = Object.freeze({});

class CompiledPlan<R> implements ResolutionPlan<R> {
  readonly empty: boolean;
  readonly requestScoped: boolean;
  private steps: Step[] = [];
  /** The singletons, in the order `assemble` reads them. */
  private constants: unknown[] = [];
  /** Builds the deps object from the constants and one resolve's slots. */
  private assemble: RecordBuilder = () => ({});
  /** Set when every dependency is a singleton: the one object every resolve returns. */
  private fixed: R | undefined = undefined;
  private preparing: Promise<void> | undefined = undefined;
  private prepared = false;

  constructor(
    readonly owner: string,
    private readonly registry: ProviderRegistry,
    private readonly targets: ReadonlyMap<string, Target | undefined>,
    private readonly problems: readonly string[],
  ) {
    this.empty = targets.size === 0;
    let requestScoped = false;
    for (const target of targets.values()) {
      if (target !== undefined && (!isNode(target) || target.scope !== 'singleton')) requestScoped = true;
    }
    this.requestScoped = requestScoped;
    if (this.empty) {
      this.fixed = emptyDeps as R;
      this.prepared = true;
    }
  }

  reaches(test: (provider: Provider<unknown>) => boolean): boolean {
    const seen = new Set<ProviderNode>();
    const walk = (target: Target | undefined): boolean => {
      if (target === undefined || !isNode(target) || seen.has(target)) return false;
      seen.add(target);
      return test(target.provider) || target.deps.some(walk);
    };
    return [...this.targets.values()].some(walk);
  }

  prepare(): Promise<void> {
    this.preparing ??= this.build();
    return this.preparing;
  }

  resolve(scope: ResolveScope = RequestScope.none): R | Promise<R> {
    if (this.fixed !== undefined) return this.fixed;
    if (!this.prepared) {
      throw new StartupError(
        'BND_ERR_LIFECYCLE',
        `the dependencies of ${this.owner} were not prepared: the container's ready() prepares them`,
      );
    }
    const steps = this.steps;
    const slots = new Array<unknown>(steps.length);
    for (let i = 0; i < steps.length; i++) {
      const pending = (steps[i] as Step).run(scope, slots);
      if (pending !== undefined) return this.finishAsync(scope, slots, i, pending);
    }
    return this.assemble(this.constants, slots) as R;
  }

  private async finishAsync(
    scope: ResolveScope,
    slots: unknown[],
    from: number,
    pending: Promise<void>,
  ): Promise<R> {
    await pending;
    const steps = this.steps;
    for (let i = from + 1; i < steps.length; i++) {
      const next = (steps[i] as Step).run(scope, slots);
      if (next !== undefined) await next;
    }
    return this.assemble(this.constants, slots) as R;
  }

  private async build(): Promise<void> {
    if (this.problems.length > 0) throw new InjectionGraphError(this.problems);
    const compiler = new StepCompiler(this.registry);
    const constants: unknown[] = [];
    const fields: RecordField[] = [];
    for (const [name, target] of this.targets) {
      const arg = await compiler.arg(target as Target);
      if (arg.slot >= 0) fields.push({ name, from: 'slots', index: arg.slot });
      else fields.push({ name, from: 'args', index: constants.push(arg.value) - 1 });
    }
    this.steps = compiler.steps;
    this.constants = constants;
    this.assemble = recordBuilder(fields);
    if (this.steps.length === 0) this.fixed = Object.freeze(this.assemble(constants, [])) as R;
    this.prepared = true;
  }
}

/**
 * Orders the request-time work of a plan: dependencies before dependents, each request-scoped
 * provider and seed once, each transient once per place that needs it. Singletons are made
 * here, at startup, and enter the plan as constants.
 */
class StepCompiler {
  readonly steps: Step[] = [];
  private readonly slots = new Map<object, number>();

  constructor(private readonly registry: ProviderRegistry) {}

  async arg(target: Target): Promise<Arg> {
    if (!isNode(target))
      return { slot: this.once(target, (slot) => new SeedStep(target, slot)), value: undefined };
    if (target.scope === 'singleton') {
      return { slot: -1, value: await makeSingleton(target, this.registry.singletons()) };
    }
    const cached = target.scope === 'request';
    const known = cached ? this.slots.get(target.provider) : undefined;
    if (known !== undefined) return { slot: known, value: undefined };
    const args: Arg[] = [];
    for (const dep of target.deps) args.push(await this.arg(dep as Target));
    const slot = this.add((at) => new BuildStep(target.provider, args, at, cached));
    if (cached) this.slots.set(target.provider, slot);
    return { slot, value: undefined };
  }

  private once(key: object, make: (slot: number) => Step): number {
    const known = this.slots.get(key);
    if (known !== undefined) return known;
    const slot = this.add(make);
    this.slots.set(key, slot);
    return slot;
  }

  /** Each step owns the slot at its own index, so slots and steps line up one to one. */
  private add(make: (slot: number) => Step): number {
    const slot = this.steps.length;
    this.steps.push(make(slot));
    return slot;
  }
}

/**
 * Compiles the plan of one consumer (a route). Graph problems do not throw here, so the
 * container can first report every route's problems together with checkGraph; `prepare`
 * throws them if nobody did.
 */
export function compilePlan<D extends DepsRecord>(
  registry: ProviderRegistry,
  deps: D,
  owner: string,
): ResolutionPlan<Resolved<D>> {
  const analysis = new GraphAnalysis();
  const targets = analysis.entry({ owner, registry, deps });
  return new CompiledPlan<Resolved<D>>(owner, registry, targets, analysis.problems);
}
