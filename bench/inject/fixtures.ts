/** The singleton services both injection benchmarks resolve. */
export class Clock {
  now(): number {
    return 1;
  }
}

export class Repo {
  static inject = [Clock] as const;
  constructor(readonly clock: Clock) {}
}
