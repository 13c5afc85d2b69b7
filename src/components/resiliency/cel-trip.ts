import { Environment } from '@marcbachmann/cel-js';
import type { BreakerCounts } from './circuit-breaker.js';

const COUNTERS = [
  'requests',
  'totalSuccesses',
  'totalFailures',
  'consecutiveSuccesses',
  'consecutiveFailures',
] as const satisfies readonly (keyof BreakerCounts)[];

/** Dapr's trip when a breaker names none. */
export const DEFAULT_TRIP = 'consecutiveFailures > 5';

let environment: Environment | undefined;

/** The CEL environment Dapr gives `trip`: the five counters, as integers. */
function celEnvironment(): Environment {
  if (environment === undefined) {
    environment = new Environment();
    for (const name of COUNTERS) environment.registerVariable(name, 'int');
  }
  return environment;
}

/**
 * Compiles a `trip` expression once. It must type-check to a boolean over the five counters;
 * anything else is refused here, at load time, with the CEL error. At run time an evaluation
 * error does not trip (Dapr cannot know tripping is safe then).
 */
export function compileTrip(expression: string): (counts: Readonly<BreakerCounts>) => boolean {
  const env = celEnvironment();
  const checked = env.check(expression);
  if (!checked.valid) {
    const reason = checked.error?.message.split('\n')[0] ?? 'invalid expression';
    throw new Error(`trip ${JSON.stringify(expression)} is not a valid CEL expression: ${reason}`);
  }
  if (checked.type !== 'bool')
    throw new Error(`trip ${JSON.stringify(expression)} must be a boolean expression, not ${checked.type}`);
  const evaluate = env.parse(expression);
  return (counts) => {
    try {
      return (
        evaluate({
          requests: BigInt(counts.requests),
          totalSuccesses: BigInt(counts.totalSuccesses),
          totalFailures: BigInt(counts.totalFailures),
          consecutiveSuccesses: BigInt(counts.consecutiveSuccesses),
          consecutiveFailures: BigInt(counts.consecutiveFailures),
        }) === true
      );
    } catch {
      return false;
    }
  };
}
