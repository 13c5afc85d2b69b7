/** The variables `bindery serve` sets on each worker to give it its slot. */
export const WORKER_SLOT_ENV = { index: 'BINDERY_WORKER_INDEX', count: 'BINDERY_WORKER_COUNT' } as const;

/** Where this process sits among the workers of `bindery serve`. */
export interface WorkerSlot {
  /** 0 … count-1; a replacement worker takes the slot of the one it replaces. */
  readonly index: number;
  readonly count: number;
  /**
   * True in slot 0, and in a process not started by `bindery serve`. Work that must happen once
   * per application rather than once per worker (a cron input binding, a scheduled cleanup) runs
   * only where this is true.
   */
  readonly leader: boolean;
}

/** This process's slot, read from the environment `bindery serve` starts workers with. */
export function workerSlot(env: Readonly<Record<string, string | undefined>> = process.env): WorkerSlot {
  const index = Number(env[WORKER_SLOT_ENV.index] ?? 0);
  const count = Number(env[WORKER_SLOT_ENV.count] ?? 1);
  const valid = Number.isInteger(index) && index >= 0 && Number.isInteger(count) && count > index;
  return valid ? { index, count, leader: index === 0 } : { index: 0, count: 1, leader: true };
}
