export { type WorkerSlot, workerSlot } from '../../service/worker-slot.js';
export { ClusterSupervisor, type ServeOptions, type SupervisorEvent } from './cluster-supervisor.js';
export { RestartBackoff } from './restart-backoff.js';
export { parseServeArgs, runServe, type ServeSettings, serveUsage } from './serve-command.js';
