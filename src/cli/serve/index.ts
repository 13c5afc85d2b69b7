export { ClusterSupervisor, type ServeOptions, type SupervisorEvent } from './cluster-supervisor.js';
export { RestartBackoff } from './restart-backoff.js';
export { parseServeArgs, runServe, type ServeSettings, serveUsage } from './serve-command.js';
export { type WorkerSlot, workerSlot } from './worker-slot.js';
