import { CallCanceledError, withDeadline } from '../call-deadline.js';
import { BreakerOpenError, type CircuitBreaker } from './circuit-breaker.js';
import { backoff, type RetryPolicy, statusCodeWorthRetry } from './retry-policy.js';

/** What one target (`component[orders] output`) runs under; any part may be absent. */
export interface PolicyParts {
  /** Dapr's name for the target, used in logs: `component[orders] output`. */
  readonly target: string;
  readonly timeoutMs?: number | undefined;
  readonly retry?: RetryPolicy | undefined;
  readonly breaker?: CircuitBreaker | undefined;
}

/** What a policy reports while it runs (logs and the metadata endpoint). */
export interface PolicyEvents {
  retrying(target: string, attempt: number, delayMs: number, error: unknown): void;
  recovered(target: string, attempts: number): void;
  exhausted(target: string, attempts: number, error: unknown): void;
}

/** A signal that never aborts, for work run without a caller signal or a timeout. */
const NEVER = new AbortController().signal;

/**
 * The resiliency policy of one target, applied in Dapr's order: retry around the circuit
 * breaker around a per-attempt timeout. `run(work)` calls `work` once per attempt with a signal
 * that aborts when the attempt's timeout passes or the caller's signal aborts.
 */
export class ResiliencyPolicy {
  constructor(
    private readonly parts: PolicyParts,
    private readonly events: PolicyEvents,
  ) {}

  get target(): string {
    return this.parts.target;
  }

  /** Whether no timeout, retry or breaker applies (the work then runs exactly as given). */
  get empty(): boolean {
    const { timeoutMs, retry, breaker } = this.parts;
    return (timeoutMs === undefined || timeoutMs <= 0) && retry === undefined && breaker === undefined;
  }

  get breaker(): CircuitBreaker | undefined {
    return this.parts.breaker;
  }

  /** The per-attempt timeout in milliseconds, when one applies. */
  get timeoutMs(): number | undefined {
    return this.parts.timeoutMs;
  }

  get retry(): RetryPolicy | undefined {
    return this.parts.retry;
  }

  async run<T>(work: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const retry = this.parts.retry;
    if (retry === undefined) return this.attempt(work, signal);
    const next = backoff(retry);
    for (let attempts = 1; ; attempts++) {
      try {
        const result = await this.attempt(work, signal);
        if (attempts > 1) this.events.recovered(this.target, attempts);
        return result;
      } catch (error) {
        if (!worthRetry(retry, error, signal)) throw error;
        const delay = next();
        if (delay === undefined) {
          this.events.exhausted(this.target, attempts, error);
          throw error;
        }
        this.events.retrying(this.target, attempts, delay, error);
        await pause(delay, signal);
      }
    }
  }

  private attempt<T>(work: (signal: AbortSignal) => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    const { timeoutMs, breaker, target } = this.parts;
    const timed =
      timeoutMs === undefined || timeoutMs <= 0
        ? () => work(signal ?? NEVER)
        : () => withDeadline(work, timeoutMs, `the resiliency timeout of ${target}`, signal);
    return breaker === undefined ? timed() : breaker.execute(timed);
  }
}

/**
 * Dapr's retry decision: an open breaker or a caller that gave up ends the retries; a failure
 * that carries a status code (the http binding's non-2xx answer, a gRPC status) is retried only
 * when `matching` lists the code; any other failure is retried.
 */
function worthRetry(policy: RetryPolicy, error: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) return false;
  if (error instanceof BreakerOpenError || error instanceof CallCanceledError) return false;
  if (hasReason(error, 'circuit-open') || hasReason(error, 'canceled')) return false;
  const code = statusCodeOf(error);
  return code === undefined || statusCodeWorthRetry(policy, code);
}

/** The status code a failure carries: a numeric `statusCode` member (BindingError has one). */
export function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { statusCode?: unknown }).statusCode;
  return typeof code === 'number' && Number.isInteger(code) ? code : undefined;
}

function hasReason(error: unknown, reason: string): boolean {
  return typeof error === 'object' && error !== null && (error as { reason?: unknown }).reason === reason;
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CallCanceledError({ cause: signal.reason }));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CallCanceledError({ cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
