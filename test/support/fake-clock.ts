import type { Clock, ClockTimer } from '../../src/components/clock.js';

interface Pending {
  readonly at: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** A clock that moves only when told: `advance` fires the timers that come due, in order. */
export class FakeClock implements Clock {
  private time: number;
  private readonly pending: Pending[] = [];

  constructor(start = Date.UTC(2024, 4, 1, 10, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, ms: number): ClockTimer {
    const timer: Pending = { at: this.time + Math.max(0, ms), fn, cancelled: false };
    this.pending.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Timers not yet fired or cancelled. */
  get timers(): number {
    return this.pending.filter((t) => !t.cancelled).length;
  }

  /** Moves time forward by `ms`, firing each timer due on the way at its own time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.pending.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      due.cancelled = true;
      this.time = due.at;
      due.fn();
    }
    this.time = end;
  }
}
