import { DisposerStack } from './disposer-stack.js';
import type { Provider } from './provider.js';

type Cell = { ready: true; value: unknown } | { ready: false; promise: Promise<unknown> };

/**
 * The singletons of one container: one cell per provider object (made once, even when several
 * plans ask at the same time) and their disposers in creation order.
 */
export class SingletonStore {
  private readonly cells = new Map<Provider<unknown>, Cell>();
  private readonly disposers = new DisposerStack();

  /** The made value, a promise of it while it is being made, or `missing`. */
  get(provider: Provider<unknown>): unknown {
    const cell = this.cells.get(provider);
    if (cell === undefined) return missing;
    return cell.ready ? cell.value : cell.promise;
  }

  pending(provider: Provider<unknown>, promise: Promise<unknown>): void {
    this.cells.set(provider, { ready: false, promise });
  }

  ready(provider: Provider<unknown>, value: unknown): void {
    this.cells.set(provider, { ready: true, value });
  }

  /** Registers a singleton's release, run when the container closes. */
  onDispose(fn: () => unknown): void {
    this.disposers.push(fn);
  }

  forget(provider: Provider<unknown>): void {
    this.cells.delete(provider);
  }

  dispose(): Promise<void> {
    this.cells.clear();
    return this.disposers.dispose();
  }
}

export const missing: unique symbol = Symbol('bindery.missing');
