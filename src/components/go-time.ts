/**
 * Time values in the text forms Dapr's components emit (Go's `time.Duration.String()` and
 * RFC 3339 with nanoseconds), so response metadata reads the same from either runtime.
 */

const ORIGIN_WALL_NS = BigInt(Date.now()) * 1_000_000n;
const ORIGIN_MONO_NS = process.hrtime.bigint();

/** Wall-clock time in nanoseconds since the epoch, monotonic within the process. */
export function nowNanos(): bigint {
  return ORIGIN_WALL_NS + (process.hrtime.bigint() - ORIGIN_MONO_NS);
}

/** `2024-05-01T10:20:30.123456789Z`: UTC, fraction trimmed of trailing zeros (Go's RFC3339Nano). */
export function formatRfc3339Nano(ns: bigint): string {
  const ms = ns / 1_000_000n;
  const base = new Date(Number(ms)).toISOString().slice(0, 19);
  const fraction = (((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n).toString().padStart(9, '0');
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed === '' ? `${base}Z` : `${base}.${trimmed}Z`;
}

/** Go's `Duration.String()`: `0s`, `850ns`, `12.5µs`, `1.234567ms`, `2.5s`, `1m0s`, `1h2m3s`. */
export function formatGoDuration(ns: bigint): string {
  const sign = ns < 0n ? '-' : '';
  const u = ns < 0n ? -ns : ns;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    if (u < 1000n) return `${sign}${u}ns`;
    if (u < 1_000_000n) return `${sign}${fixed(u, 1000n)}µs`;
    return `${sign}${fixed(u, 1_000_000n)}ms`;
  }
  const hours = u / 3_600_000_000_000n;
  const minutes = (u / 60_000_000_000n) % 60n;
  const seconds = fixed(u % 60_000_000_000n, 1_000_000_000n);
  const h = hours > 0n ? `${hours}h` : '';
  const m = hours > 0n || minutes > 0n ? `${minutes}m` : '';
  return `${sign}${h}${m}${seconds}s`;
}

function fixed(value: bigint, unit: bigint): string {
  const whole = value / unit;
  const rest = value % unit;
  if (rest === 0n) return whole.toString();
  const digits = rest
    .toString()
    .padStart(unit.toString().length - 1, '0')
    .replace(/0+$/, '');
  return `${whole}.${digits}`;
}
