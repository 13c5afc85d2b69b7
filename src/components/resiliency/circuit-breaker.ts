/** The counters a breaker keeps, and that its `trip` expression sees. */
export interface BreakerCounts {
  requests: number;
  totalSuccesses: number;
  totalFailures: number;
  consecutiveSuccesses: number;
  consecutiveFailures: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** A named circuit-breaker policy with Dapr's fields and defaults. */
export interface BreakerPolicy {
  readonly name: string;
  /** Calls let through while half-open (1). */
  readonly maxRequests: number;
  /** Period after which a closed breaker clears its counts (0 = never). */
  readonly intervalMs: number;
  /** Time an open breaker waits before letting a probe through (60 s). */
  readonly timeoutMs: number;
  /** The `trip` text, for the metadata endpoint and logs. */
  readonly trip: string;
  /** Whether the counts after a failure open the breaker; an evaluation error never trips. */
  readonly shouldTrip: (counts: Readonly<BreakerCounts>) => boolean;
}

/** Dapr's texts for a refused call (gobreaker's ErrOpenState and ErrTooManyRequests). */
export const OPEN_STATE_TEXT = 'circuit breaker is open';
export const TOO_MANY_REQUESTS_TEXT = 'too many requests';

/** A call the breaker refused without running it. */
export class BreakerOpenError extends Error {
  readonly breaker: string;
  readonly state: BreakerState;

  constructor(breaker: string, state: BreakerState) {
    super(state === 'open' ? OPEN_STATE_TEXT : TOO_MANY_REQUESTS_TEXT);
    this.name = 'BreakerOpenError';
    this.breaker = breaker;
    this.state = state;
  }
}

export interface BreakerSnapshot {
  readonly name: string;
  readonly policy: string;
  readonly state: BreakerState;
  readonly counts: Readonly<BreakerCounts>;
  /** When the state last changed (ISO time), absent while it never has. */
  readonly since?: string;
}

/**
 * A circuit breaker with gobreaker's semantics, which Dapr uses: closed → open when `trip`
 * holds after a failure; open → half-open after `timeout`; half-open lets `maxRequests` calls
 * through, closing after that many successes in a row and opening again on any failure.
 * Counts start afresh at every state change (and every `interval` while closed).
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private counts: BreakerCounts = zero();
  /** When the current count period ends (closed with interval) or the open state ends. */
  private expiry = 0;
  /** Bumped at each new count period: an outcome from an older period no longer counts. */
  private generation = 0;
  private changedAt: number | undefined;

  constructor(
    readonly name: string,
    readonly policy: BreakerPolicy,
    private readonly onChange: (breaker: CircuitBreaker, from: BreakerState, to: BreakerState) => void,
  ) {
    this.newGeneration(Date.now());
  }

  get state(): BreakerState {
    this.refresh(Date.now());
    return this.current;
  }

  /** Runs `work` unless the breaker refuses it; records the outcome. */
  async execute<T>(work: () => Promise<T>): Promise<T> {
    const generation = this.before();
    let result: T;
    try {
      result = await work();
    } catch (error) {
      this.after(generation, false);
      throw error;
    }
    this.after(generation, true);
    return result;
  }

  snapshot(): BreakerSnapshot {
    const state = this.state;
    return {
      name: this.name,
      policy: this.policy.name,
      state,
      counts: { ...this.counts },
      ...(this.changedAt === undefined ? {} : { since: new Date(this.changedAt).toISOString() }),
    };
  }

  private before(): number {
    const now = Date.now();
    this.refresh(now);
    if (this.current === 'open') throw new BreakerOpenError(this.name, 'open');
    if (this.current === 'half-open' && this.counts.requests >= this.policy.maxRequests)
      throw new BreakerOpenError(this.name, 'half-open');
    this.counts.requests++;
    return this.generation;
  }

  private after(generation: number, success: boolean): void {
    const now = Date.now();
    this.refresh(now);
    if (generation !== this.generation) return;
    const c = this.counts;
    if (success) {
      c.totalSuccesses++;
      c.consecutiveSuccesses++;
      c.consecutiveFailures = 0;
      if (this.current === 'half-open' && c.consecutiveSuccesses >= this.policy.maxRequests)
        this.moveTo('closed', now);
      return;
    }
    c.totalFailures++;
    c.consecutiveFailures++;
    c.consecutiveSuccesses = 0;
    if (this.current === 'half-open') this.moveTo('open', now);
    else if (this.current === 'closed' && this.policy.shouldTrip(c)) this.moveTo('open', now);
  }

  /** Applies the passage of time: a closed period ends, or an open breaker turns half-open. */
  private refresh(now: number): void {
    if (this.current === 'closed') {
      if (this.expiry !== 0 && this.expiry <= now) this.newGeneration(now);
    } else if (this.current === 'open' && this.expiry <= now) {
      this.moveTo('half-open', now);
    }
  }

  private moveTo(state: BreakerState, now: number): void {
    const from = this.current;
    this.current = state;
    this.changedAt = now;
    this.newGeneration(now);
    this.onChange(this, from, state);
  }

  private newGeneration(now: number): void {
    this.generation++;
    this.counts = zero();
    if (this.current === 'closed')
      this.expiry = this.policy.intervalMs > 0 ? now + this.policy.intervalMs : 0;
    else if (this.current === 'open') this.expiry = now + this.policy.timeoutMs;
    else this.expiry = 0;
  }
}

function zero(): BreakerCounts {
  return {
    requests: 0,
    totalSuccesses: 0,
    totalFailures: 0,
    consecutiveSuccesses: 0,
    consecutiveFailures: 0,
  };
}
