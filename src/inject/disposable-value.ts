import { ProviderSignal } from './signal.js';

/**
 * A provided value together with the function that releases it. Factories return one through
 * `disposable(value, fn)` when the release depends on how the value was made (a pooled client,
 * a transaction to roll back).
 */
export class DisposableValue<T> extends ProviderSignal {
  /** Type-only brand: makes DisposableValue nominal, so a plain `{ value, dispose }` is not one. */
  declare private readonly brand: true;
  readonly value: T;
  readonly dispose: () => unknown;

  constructor(value: T, dispose: () => unknown) {
    super();
    this.value = value;
    this.dispose = dispose;
  }
}

/** Pairs a value with its release; request-scoped ones are released when the request ends. */
export function disposable<T>(value: T, dispose: (value: T) => unknown): DisposableValue<T> {
  return new DisposableValue(value, () => dispose(value));
}
