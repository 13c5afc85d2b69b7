/** A pending timer of a Clock. */
export interface ClockTimer {
  cancel(): void;
}

/**
 * Time as components see it: the wall clock and timers. The runtime hands its clock to every
 * component, so schedules, retry waits and reconnect delays can be driven by a test clock.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once, `ms` milliseconds from now. */
  setTimer(fn: () => void, ms: number): ClockTimer;
}

/** setTimeout's largest delay; longer waits are chained so a yearly schedule does not fire at once. */
const MAX_DELAY = 2 ** 31 - 1;

/** The process's own clock; timers do not keep the process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    let timer: NodeJS.Timeout;
    const arm = (remaining: number) => {
      const step = Math.min(Math.max(remaining, 0), MAX_DELAY);
      timer = setTimeout(() => (remaining > MAX_DELAY ? arm(remaining - MAX_DELAY) : fn()), step);
      timer.unref();
    };
    arm(ms);
    return { cancel: () => clearTimeout(timer) };
  },
};

/** Waits `ms` on `clock`; `signal` ends the wait early (resolving, not rejecting). */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const timer = clock.setTimer(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      timer.cancel();
      resolve();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
