import { withCode } from '../http/startup-error.js';

/**
 * Release functions in creation order. Disposing runs them newest first, so a value is released
 * before the values it was built from; every one runs even when another fails.
 */
export class DisposerStack {
  private readonly fns: (() => unknown)[] = [];

  push(fn: () => unknown): void {
    this.fns.push(fn);
  }

  get size(): number {
    return this.fns.length;
  }

  async dispose(): Promise<void> {
    const errors: unknown[] = [];
    for (let fn = this.fns.pop(); fn !== undefined; fn = this.fns.pop()) {
      try {
        await fn();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1)
      throw withCode(new AggregateError(errors, `${errors.length} disposers failed`), 'BND_ERR_DISPOSE');
  }
}
