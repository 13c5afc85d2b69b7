import { GRPC_CODES, HTTP_CODES, StatusCodeRanges } from './status-code-ranges.js';

export type BackoffKind = 'constant' | 'exponential';

/** A named retry policy with Dapr's fields and defaults (dapr/kit `retry.DefaultConfig`). */
export interface RetryPolicy {
  readonly name: string;
  readonly policy: BackoffKind;
  /** Pause between attempts of a `constant` policy (5 s). */
  readonly durationMs: number;
  /** First pause of an `exponential` policy (500 ms), then × multiplier, ± randomization. */
  readonly initialIntervalMs: number;
  readonly randomizationFactor: number;
  readonly multiplier: number;
  /** Cap of an exponential pause (60 s). */
  readonly maxIntervalMs: number;
  /** An exponential policy gives up once this much time has passed (15 min; 0 = never). */
  readonly maxElapsedTimeMs: number;
  /** Retries after the first attempt; -1 = no limit. */
  readonly maxRetries: number;
  /** Which failure status codes are retried (`matching`); a failure without a code always is. */
  readonly httpStatusCodes: StatusCodeRanges;
  readonly grpcStatusCodes: StatusCodeRanges;
}

export const RETRY_DEFAULTS = {
  policy: 'constant',
  durationMs: 5000,
  initialIntervalMs: 500,
  randomizationFactor: 0.5,
  multiplier: 1.5,
  maxIntervalMs: 60_000,
  maxElapsedTimeMs: 15 * 60_000,
  maxRetries: -1,
} as const;

/** Builds a policy from the fields a document gave (already parsed); the rest take Dapr's defaults. */
export function retryPolicy(
  name: string,
  fields: Partial<Omit<RetryPolicy, 'name' | 'httpStatusCodes' | 'grpcStatusCodes'>> & {
    readonly httpStatusCodes?: string;
    readonly grpcStatusCodes?: string;
  } = {},
): RetryPolicy {
  const { httpStatusCodes, grpcStatusCodes, ...rest } = fields;
  return {
    ...RETRY_DEFAULTS,
    ...rest,
    name,
    httpStatusCodes: StatusCodeRanges.parse(httpStatusCodes, HTTP_CODES),
    grpcStatusCodes: StatusCodeRanges.parse(grpcStatusCodes, GRPC_CODES),
  };
}

/**
 * Dapr's rule for a failure that carries a status code: a code in the gRPC range (0–16) is
 * checked against `gRPCStatusCodes`, one in the HTTP range against `httpStatusCodes`, and
 * anything else is not retried.
 */
export function statusCodeWorthRetry(policy: RetryPolicy, code: number): boolean {
  if (code >= GRPC_CODES.start && code <= GRPC_CODES.end) return policy.grpcStatusCodes.matches(code);
  if (code >= HTTP_CODES.start && code <= HTTP_CODES.end) return policy.httpStatusCodes.matches(code);
  return false;
}

/**
 * The pauses of one run of a policy: each call gives the next pause in milliseconds, or
 * undefined when the policy gives up (retries or elapsed time used up).
 */
export function backoff(policy: RetryPolicy, random: () => number = Math.random): () => number | undefined {
  const started = Date.now();
  let retries = 0;
  let current = policy.initialIntervalMs;
  return () => {
    if (policy.maxRetries >= 0 && retries >= policy.maxRetries) return undefined;
    retries++;
    if (policy.policy === 'constant') return policy.durationMs;
    if (policy.maxElapsedTimeMs > 0 && Date.now() - started > policy.maxElapsedTimeMs) return undefined;
    const delta = policy.randomizationFactor * current;
    const pause = current - delta + random() * (2 * delta);
    current = Math.min(current * policy.multiplier, policy.maxIntervalMs);
    return Math.min(pause, policy.maxIntervalMs);
  };
}
