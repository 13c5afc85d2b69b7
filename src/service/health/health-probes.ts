import { Result } from '../../http/results.js';
import type { ContainerLifecycle } from '../container.js';
import type { Filter } from '../filter.js';
import { type HealthCheck, type HealthCheckResult, type HealthReport, runCheck } from './health-check.js';

export const HEALTH_JSON = 'application/health+json';

/** What the probes read from the container: only its place in its life. */
export interface LifecycleSource {
  readonly lifecycle: ContainerLifecycle;
}

export interface HealthProbeOptions {
  /** Liveness path (default `/healthz`): passes while the process can answer at all. */
  livenessPath?: string;
  /** Readiness path (default `/readyz`): passes only when the container serves and every check passes. */
  readinessPath?: string;
  /** Readiness conditions by name, run concurrently on each probe (see `bindingChecks`). */
  checks?: Readonly<Record<string, HealthCheck>>;
  /** Time budget of each check in milliseconds (default 2000); a slower check fails. */
  checkTimeout?: number;
}

/**
 * Kubernetes-style liveness and readiness probes as a container filter: add it first
 * (`container.filter(healthProbes(container, …))`) so authentication filters do not stand in the
 * way. It answers only its two paths, for GET and HEAD; every other request passes straight on.
 *
 * Readiness fails while the container is starting, failed to start, or closing (so a load
 * balancer stops sending before connections are cut), and while any check fails. Liveness fails
 * only when the container failed to start: a slow dependency must not get the process restarted.
 */
export function healthProbes(container: LifecycleSource, options: HealthProbeOptions = {}): Filter {
  const live = options.livenessPath ?? '/healthz';
  const ready = options.readinessPath ?? '/readyz';
  const checks = Object.entries(options.checks ?? {});
  const timeout = options.checkTimeout ?? 2000;
  return async (ctx, next) => {
    if ((ctx.path !== live && ctx.path !== ready) || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) {
      await next();
      return;
    }
    const lifecycle = container.lifecycle;
    const results: HealthCheckResult[] = [lifecycleCheck(lifecycle, ctx.path === live)];
    if (ctx.path === ready) {
      results.push(...(await Promise.all(checks.map(([name, check]) => runCheck(name, check, timeout)))));
    }
    const report: HealthReport = {
      status: results.every((r) => r.status === 'pass') ? 'pass' : 'fail',
      checks: results,
    };
    ctx.result = new Result(
      report.status === 'pass' ? 200 : 503,
      report,
      { 'cache-control': 'no-store' },
      HEALTH_JSON,
    );
  };
}

/** Liveness accepts every state but a failed start; readiness only `ready`. */
function lifecycleCheck(lifecycle: ContainerLifecycle, liveness: boolean): HealthCheckResult {
  const ok = liveness ? lifecycle !== 'failed' : lifecycle === 'ready';
  return ok
    ? { name: 'lifecycle', status: 'pass', durationMs: 0 }
    : { name: 'lifecycle', status: 'fail', output: `the container is ${lifecycle}`, durationMs: 0 };
}
