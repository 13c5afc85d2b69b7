import { token } from '../../src/index.js';

/** The time source, injected so tests can pin it. */
export interface Clock {
  now(): Date;
}

export const ClockToken = token<Clock>('Clock');

export const systemClock: Clock = { now: () => new Date() };
