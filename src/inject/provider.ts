import { withCode } from '../http/startup-error.js';
import type { DisposableValue } from './disposable-value.js';
import { recordBuilder } from './record-builder.js';
import type { DepsRecord, DepsTuple, Resolved, ResolvedTuple } from './resolved.js';
import type { Skip, Stop } from './stop.js';
import type { InjectionKey } from './token.js';

/**
 * How long a provided value lives.
 * - `singleton`: one per container, made at startup, disposed when the container closes.
 * - `request`: one per request, disposed when the request ends.
 * - `transient`: a new one wherever it is needed; it lives as long as what needed it.
 * - `auto`: a singleton unless a dependency needs the request, then one per request.
 */
export type Scope = 'singleton' | 'request' | 'transient' | 'auto';

export type ProviderKind = 'value' | 'factory' | 'class';

/** The part of a provider only the injector reads. */
export interface ProviderRecipe {
  /** Dependencies in the order `build` receives them. */
  readonly deps: readonly InjectionKey<unknown>[];
  /** Names `deps` for error messages (`dependency "clock"`, `constructor argument 1`). */
  readonly labels: readonly string[];
  /** Makes the value from its resolved dependencies; may return a promise, a Stop or a DisposableValue. */
  readonly build: (args: readonly unknown[]) => unknown;
  readonly dispose: ((value: unknown) => unknown) | undefined;
  /** A constructor's declared parameter count, checked against `deps` at startup. */
  readonly arity: number | undefined;
}

export const recipe: unique symbol = Symbol('bindery.provider.recipe');

/**
 * How a value is made. The same provider object registered in several places (or under several
 * keys) is one binding: a singleton provider yields one instance per container, a request-scoped
 * one one instance per request.
 */
export class Provider<T> {
  /** Phantom: only for inference. */
  declare readonly type?: T;
  readonly kind: ProviderKind;
  readonly scope: Scope;
  readonly [recipe]: ProviderRecipe;

  constructor(kind: ProviderKind, scope: Scope, how: ProviderRecipe) {
    this.kind = kind;
    this.scope = scope;
    this[recipe] = how;
  }
}

export function isProvider(value: unknown): value is Provider<unknown> {
  return value instanceof Provider;
}

/**
 * What a factory's return type provides: promises are awaited, `stop(...)` ends the request
 * instead, `disposable(v, fn)` provides `v`, and `skip` provides undefined.
 */
export type Provided<R> = ProvidedValue<Awaited<R>>;
type ProvidedValue<V> = V extends Stop
  ? never
  : V extends DisposableValue<infer T>
    ? T
    : V extends Skip
      ? undefined
      : V;

export interface ProviderOptions<T> {
  scope?: Scope;
  /** Releases the value when its scope ends (singletons: when the container closes). */
  dispose?: (value: T) => unknown;
}

export interface ClassProviderOptions<T, K extends DepsTuple> extends ProviderOptions<T> {
  /** Constructor dependencies, when the class has no `static inject`. */
  inject?: K;
}

function disposerOf<T>(options: ProviderOptions<T> | undefined): ((value: unknown) => unknown) | undefined {
  return options?.dispose as ((value: unknown) => unknown) | undefined;
}

/** A value made elsewhere: always a singleton; `dispose` runs when the container closes. */
export function value<T>(v: T, options: Pick<ProviderOptions<T>, 'dispose'> = {}): Provider<T> {
  return new Provider<T>('value', 'singleton', {
    deps: [],
    labels: [],
    build: () => v,
    dispose: disposerOf(options),
    arity: undefined,
  });
}

/**
 * A function that makes the value, sync or async. Dependencies come as a record of keys, so
 * the function receives them by name and typed: `factory({ clock: Clock }, ({ clock }) => …)`.
 */
export function factory<R>(fn: () => R, options?: ProviderOptions<Provided<R>>): Provider<Provided<R>>;
export function factory<const D extends DepsRecord, R>(
  deps: D,
  fn: (deps: Resolved<D>) => R,
  options?: ProviderOptions<Provided<R>>,
): Provider<Provided<R>>;
export function factory(
  first: DepsRecord | (() => unknown),
  second?: ((deps: Record<string, unknown>) => unknown) | ProviderOptions<unknown>,
  third?: ProviderOptions<unknown>,
): Provider<unknown> {
  if (typeof first === 'function') {
    const options = second as ProviderOptions<unknown> | undefined;
    return new Provider('factory', options?.scope ?? 'singleton', {
      deps: [],
      labels: [],
      build: () => first(),
      dispose: disposerOf(options),
      arity: undefined,
    });
  }
  if (typeof second !== 'function')
    throw withCode(new TypeError('factory(deps, fn): fn must be a function'), 'BND_ERR_PROVIDER');
  const fn = second;
  const names = Object.keys(first);
  const deps = names.map((name) => first[name] as InjectionKey<unknown>);
  const record = recordBuilder(names.map((name, index) => ({ name, from: 'args', index })));
  return new Provider('factory', third?.scope ?? 'singleton', {
    deps,
    labels: names.map((name) => `dependency "${name}"`),
    build: (args) => fn(record(args, args)),
    dispose: disposerOf(third),
    arity: undefined,
  });
}

/** A class whose constructor dependencies are declared with `static inject = [A, B] as const`. */
export type InjectableClass<T, K extends DepsTuple> = (new (
  ...args: ResolvedTuple<K>
) => T) & {
  readonly inject?: K;
};

/**
 * Instances of a class, its constructor fed with the declared dependencies in order
 * (`static inject` on the class, or the `inject` option).
 */
export function useClass<T, const K extends DepsTuple = readonly []>(
  cls: InjectableClass<T, K>,
  options: ClassProviderOptions<T, K> = {},
): Provider<T> {
  if (typeof cls !== 'function')
    throw withCode(new TypeError('useClass(cls): cls must be a class'), 'BND_ERR_PROVIDER');
  const deps: DepsTuple = options.inject ?? cls.inject ?? [];
  if (!Array.isArray(deps))
    throw withCode(
      new TypeError(`${cls.name}.inject must be an array of tokens or classes`),
      'BND_ERR_PROVIDER',
    );
  const Ctor = cls as unknown as new (...args: unknown[]) => T;
  return new Provider<T>('class', options.scope ?? 'singleton', {
    deps,
    labels: deps.map((_, i) => `constructor argument ${i + 1}`),
    build: (args) => new Ctor(...args),
    dispose: disposerOf(options),
    arity: cls.length,
  });
}
