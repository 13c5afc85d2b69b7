import { StartupError } from '../http/startup-error.js';
import { DisposerStack } from './disposer-stack.js';
import type { Token } from './token.js';

/** What `find` answers for a key the scope does not hold. */
export const absent: unique symbol = Symbol('bindery.absent');

/** One held value; entries form a list, newest first. */
interface Entry {
  readonly key: object;
  value: unknown;
  readonly next: Entry | undefined;
}

/**
 * One request's values: the seeded ones (the Context), the request-scoped instances made so
 * far, and the disposers to run when the request ends, newest first. A request holds a handful
 * of values, so they sit in a short list searched in order: one small object per value is far
 * cheaper to create per request than a Map or growing arrays.
 */
export class RequestScope {
  /** For plans that need no request scope (only singletons): holds nothing, accepts nothing. */
  static readonly none: RequestScope = new RequestScope();

  private head: Entry | undefined = undefined;
  private disposers: DisposerStack | undefined = undefined;
  private disposed = false;

  constructor(seeds?: Iterable<readonly [Token<unknown>, unknown]>) {
    if (seeds === undefined) return;
    if (Array.isArray(seeds)) {
      // Indexing skips the iterator protocol: the pipeline seeds every request through here.
      const list = seeds as readonly (readonly [Token<unknown>, unknown])[];
      for (let i = 0; i < list.length; i++) {
        const [key, value] = list[i] as readonly [Token<unknown>, unknown];
        this.head = { key, value, next: this.head };
      }
      return;
    }
    for (const [key, value] of seeds) this.head = { key, value, next: this.head };
  }

  /** Supplies a seeded token's value for this request. */
  seed<T>(key: Token<T>, value: T): this {
    this.remember(key, value);
    return this;
  }

  /** Whether the scope holds a value (seeded or made) under `key`. */
  has(key: object): boolean {
    return this.find(key) !== absent;
  }

  /** The value held under `key`; check `has` when undefined is a possible value. */
  get(key: object): unknown {
    const found = this.find(key);
    return found === absent ? undefined : found;
  }

  /** The value held under `key`, or `absent`: one search where `has` then `get` would take two. */
  find(key: object): unknown {
    for (let entry = this.head; entry !== undefined; entry = entry.next)
      if (entry.key === key) return entry.value;
    return absent;
  }

  /** Keeps a request-scoped instance so later asks in the same request get the same one. */
  remember(key: object, value: unknown): void {
    this.usable();
    for (let entry = this.head; entry !== undefined; entry = entry.next) {
      if (entry.key === key) {
        entry.value = value;
        return;
      }
    }
    this.head = { key, value, next: this.head };
  }

  /** Registers a release to run when the request ends. */
  onDispose(fn: () => unknown): void {
    this.usable();
    this.disposers ??= new DisposerStack();
    this.disposers.push(fn);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Runs the disposers newest first (all of them, even when one fails) and closes the scope.
   * A scope with nothing to dispose settles at once without allocating a promise: most requests
   * hold no disposable values, and the pipeline disposes one scope per request.
   */
  dispose(): Promise<void> | undefined {
    this.disposed = true;
    this.head = undefined;
    const disposers = this.disposers;
    this.disposers = undefined;
    return disposers === undefined ? undefined : disposers.dispose();
  }

  private usable(): void {
    if (this === RequestScope.none)
      throw new StartupError(
        'BND_ERR_LIFECYCLE',
        'RequestScope.none holds no values: create a RequestScope per request',
      );
    if (this.disposed) throw new StartupError('BND_ERR_LIFECYCLE', 'this request scope was already disposed');
  }
}
