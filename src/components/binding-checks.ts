import type { HealthCheck } from '../service/health/index.js';
import type { BindingsRuntime } from './bindings-runtime.js';

/**
 * Readiness checks for output bindings, for `healthProbes({ checks })`. With `names`, one check
 * per binding (`binding:<name>`): the runtime must have started and the binding's component must
 * answer its ping. Without, one `bindings` check covering every binding that loaded, so an app
 * that adds a component file needs no code change.
 */
export function bindingChecks(
  runtime: BindingsRuntime,
  names?: readonly string[],
): Record<string, HealthCheck> {
  if (names !== undefined) {
    return Object.fromEntries(
      names.map((name): [string, HealthCheck] => [`binding:${name}`, (signal) => runtime.ping(name, signal)]),
    );
  }
  return {
    bindings: async (signal) => {
      if (runtime.status !== 'started') throw new Error(`the bindings runtime is ${runtime.status}`);
      const names = runtime.bindingNames();
      const outcomes = await Promise.allSettled(names.map((name) => runtime.ping(name, signal)));
      const failed = outcomes.flatMap((outcome, i) =>
        outcome.status === 'rejected'
          ? [`${names[i]}: ${(outcome.reason as Error).message ?? outcome.reason}`]
          : [],
      );
      if (failed.length > 0) throw new Error(failed.join('; '));
    },
  };
}
