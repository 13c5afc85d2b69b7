/**
 * How long to wait before replacing a worker that died. A worker that lived past `stableMs`
 * is replaced at once; one that died sooner (a crash at start, a crash loop) waits, twice as
 * long each time in a row, up to `maxMs`, so a broken deploy does not spin the CPU.
 */
export class RestartBackoff {
  private streak = 0;

  constructor(
    private readonly firstMs = 100,
    private readonly maxMs = 30_000,
    private readonly stableMs = 10_000,
  ) {}

  /** The delay before the next start, given how long the dead worker lived. */
  next(livedMs: number): number {
    if (livedMs >= this.stableMs) {
      this.streak = 0;
      return 0;
    }
    const delay = Math.min(this.maxMs, this.firstMs * 2 ** this.streak);
    this.streak++;
    return delay;
  }
}
