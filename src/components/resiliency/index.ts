export {
  type BreakerCounts,
  BreakerOpenError,
  type BreakerPolicy,
  type BreakerSnapshot,
  type BreakerState,
  CircuitBreaker,
} from './circuit-breaker.js';
export { type Direction, Resiliency, type ResiliencySnapshot, type RetrySummary } from './resiliency.js';
export {
  type ComponentTargets,
  type PolicyNames,
  type ResiliencyDocument,
  readResiliencyDocument,
} from './resiliency-document.js';
export { loadResiliency, parseResiliencyFile, type ResiliencyFileResult } from './resiliency-loader.js';
export { ResiliencyPolicy } from './resiliency-policy.js';
export { type BackoffKind, type RetryPolicy, retryPolicy } from './retry-policy.js';
