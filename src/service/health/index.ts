export type { HealthCheck, HealthCheckResult, HealthReport } from './health-check.js';
export { HEALTH_JSON, type HealthProbeOptions, healthProbes, type LifecycleSource } from './health-probes.js';
