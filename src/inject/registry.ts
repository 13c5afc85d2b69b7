import { StartupError, withCode } from '../http/startup-error.js';
import { isProvider, type Provider } from './provider.js';
import { SingletonStore } from './singleton-store.js';
import { type InjectionKey, isInjectionKey, isSeeded, keyName } from './token.js';

/** Where a key was found: the provider and the registry holding it (its own deps are looked up from there). */
export interface Lookup {
  readonly provider: Provider<unknown>;
  readonly registry: ProviderRegistry;
}

/**
 * The providers of one level: the container, a web service, a route. A lookup walks up to the
 * parent, so the nearest registration wins. Singletons belong to the root of the chain (the
 * container's registry), which disposes them.
 */
export class ProviderRegistry {
  readonly parent: ProviderRegistry | undefined;
  readonly root: ProviderRegistry;
  private readonly own = new Map<InjectionKey<unknown>, Provider<unknown>>();
  private store: SingletonStore | undefined;

  constructor(parent?: ProviderRegistry) {
    this.parent = parent;
    this.root = parent === undefined ? this : parent.root;
  }

  provide<T>(key: InjectionKey<T>, provider: Provider<NoInfer<T>>): this {
    if (!isInjectionKey(key)) {
      throw withCode(
        new TypeError(`provide(key, provider): key must be a token or a class, got ${String(key)}`),
        'BND_ERR_PROVIDER',
      );
    }
    const name = keyName(key);
    if (isSeeded(key)) {
      throw new StartupError(
        'BND_ERR_PROVIDER',
        `${name} is seeded with each request and cannot have a provider`,
      );
    }
    if (!isProvider(provider)) {
      throw withCode(
        new TypeError(
          `provide(${name}, provider): use value(), factory() or useClass() to make the provider`,
        ),
        'BND_ERR_PROVIDER',
      );
    }
    if (this.own.has(key))
      throw new StartupError('BND_ERR_PROVIDER', `${name} is already provided at this level`);
    this.own.set(key, provider as Provider<unknown>);
    return this;
  }

  /** Whether this registry or one of its ancestors provides `key`. */
  has(key: InjectionKey<unknown>): boolean {
    return this.lookup(key) !== undefined;
  }

  /** Whether this registry itself provides `key`. */
  hasOwn(key: InjectionKey<unknown>): boolean {
    return this.own.has(key);
  }

  /** The nearest provider of `key`, walking up the parents. */
  lookup(key: InjectionKey<unknown>): Lookup | undefined {
    for (
      let registry: ProviderRegistry | undefined = this;
      registry !== undefined;
      registry = registry.parent
    ) {
      const provider = registry.own.get(key);
      if (provider !== undefined) return { provider, registry };
    }
    return undefined;
  }

  /** This level's own registrations. */
  entries(): IterableIterator<[InjectionKey<unknown>, Provider<unknown>]> {
    return this.own.entries();
  }

  /** The singletons of the whole chain, kept by its root. */
  singletons(): SingletonStore {
    const root = this.root;
    root.store ??= new SingletonStore();
    return root.store;
  }

  /**
   * Disposes every singleton made under this registry's root, newest first, and forgets them
   * (a later start makes them again). Failures do not stop the others; they are thrown together.
   */
  async dispose(): Promise<void> {
    const store = this.root.store;
    if (store === undefined) return;
    this.root.store = undefined;
    await store.dispose();
  }
}
