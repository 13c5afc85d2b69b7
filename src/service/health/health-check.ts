/**
 * One readiness condition. It passes when it settles without throwing and without returning
 * `false`; a thrown error's message becomes the check's `output`. The signal aborts when the
 * probe's time budget runs out.
 */
export type HealthCheck = (signal: AbortSignal) => unknown;

/** One line of a probe's answer (the field names of the IETF health-check response draft). */
export interface HealthCheckResult {
  readonly name: string;
  readonly status: 'pass' | 'fail';
  /** Why it failed; absent when it passed. */
  readonly output?: string;
  readonly durationMs: number;
}

/** The body of `/healthz` and `/readyz`, served as `application/health+json`. */
export interface HealthReport {
  readonly status: 'pass' | 'fail';
  readonly checks: readonly HealthCheckResult[];
}

/** Runs one check within `timeoutMs`; never throws. */
export async function runCheck(
  name: string,
  check: HealthCheck,
  timeoutMs: number,
): Promise<HealthCheckResult> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = new Error(`no answer within ${timeoutMs} ms`);
      controller.abort(reason);
      reject(reason);
    }, timeoutMs);
  });
  try {
    const outcome = await Promise.race([Promise.resolve().then(() => check(controller.signal)), deadline]);
    const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    if (outcome === false) return { name, status: 'fail', output: 'the check returned false', durationMs };
    return { name, status: 'pass', durationMs };
  } catch (error) {
    const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    const output = error instanceof Error ? error.message : String(error);
    return { name, status: 'fail', output, durationMs };
  } finally {
    clearTimeout(timer);
  }
}
