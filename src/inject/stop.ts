import { ProviderSignal } from './signal.js';

/**
 * A provider's way to end the request before the handler runs: it returns or throws
 * `stop(result)` and the pipeline answers with `result` (a value, a typed result or an
 * HttpError). It is not an Error on purpose: stopping is an answer, not a failure, and it
 * should not pay for a stack trace.
 */
export class Stop<R = unknown> extends ProviderSignal {
  /** Type-only brand: makes Stop nominal, so a value that merely has `result` is not one. */
  declare private readonly brand: true;
  readonly result: R;

  constructor(result: R) {
    super();
    this.result = result;
  }
}

export function stop<R>(result: R): Stop<R> {
  return new Stop(result);
}

export function isStop(value: unknown): value is Stop {
  return value instanceof Stop;
}

/**
 * The type of `skip`. A class rather than a unique symbol so that a factory returning it keeps
 * the type through inference (symbols widen) and `Provided` can turn it into undefined.
 */
export class Skip {
  /** Type-only brand: makes Skip nominal without a run-time field. */
  declare private readonly brand: true;
}

/**
 * A provider answers `skip` to leave the dependency undefined for this resolution instead of
 * failing. A factory that may return it provides `T | undefined`, so its key must say so.
 */
export const skip: Skip = new Skip();
