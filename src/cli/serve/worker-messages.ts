import { WORKER_SLOT_ENV } from '../../service/worker-slot.js';

/** Messages between the serving primary and its workers (over the cluster IPC channel). */
export type WorkerMessage =
  | { readonly type: 'bindery:ready'; readonly address: string; readonly port: number }
  | { readonly type: 'bindery:failed'; readonly message: string };

export type PrimaryMessage = { readonly type: 'bindery:shutdown' };

/** The environment a worker is started with: what to load and where to listen. */
export const workerEnv = {
  module: 'BINDERY_SERVE_MODULE',
  port: 'BINDERY_SERVE_PORT',
  host: 'BINDERY_SERVE_HOST',
  /** The worker's slot, 0 … workers-1; a replacement takes its predecessor's slot. */
  ...WORKER_SLOT_ENV,
} as const;

export function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'bindery:ready' || type === 'bindery:failed';
}
