import { withCode } from '../../http/startup-error.js';

/**
 * At most `limit` holders at once; the others wait in arrival order. It bounds the events an
 * input binding has in flight, so a slow app slows the component's reading instead of letting
 * events pile up in memory.
 */
export class FlowLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isSafeInteger(limit) || limit < 1)
      throw withCode(
        new RangeError(`the in-flight limit must be a whole number of at least 1, not ${limit}`),
        'BND_ERR_INVALID_OPTION',
      );
  }

  get inFlight(): number {
    return this.active;
  }

  acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot to the next waiter, if any (the count stays), or frees it. */
  release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next();
    else this.active--;
  }
}
