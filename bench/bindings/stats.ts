/** Order statistics of latency samples (nanoseconds in, microseconds out). */
export interface LatencySummary {
  readonly samples: number;
  readonly medianUs: number;
  readonly p10Us: number;
  readonly p90Us: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export function summarize(nanos: readonly number[]): LatencySummary {
  const sorted = [...nanos].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    medianUs: quantile(sorted, 0.5) / 1000,
    p10Us: quantile(sorted, 0.1) / 1000,
    p90Us: quantile(sorted, 0.9) / 1000,
  };
}

export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}
