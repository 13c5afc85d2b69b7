/**
 * The six fields of a cron spec (second minute hour day-of-month month day-of-week) parsed the
 * way Dapr's scheduler (robfig/cron) parses them: lists, ranges, steps, `*` and `?`, month and
 * weekday names, with the same error texts.
 */

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTHS = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const DAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

export const SECONDS: Bounds = { min: 0, max: 59 };
export const MINUTES: Bounds = { min: 0, max: 59 };
export const HOURS: Bounds = { min: 0, max: 23 };
export const DAYS_OF_MONTH: Bounds = { min: 1, max: 31 };
export const MONTHS_OF_YEAR: Bounds = { min: 1, max: 12, names: MONTHS };
export const DAYS_OF_WEEK: Bounds = { min: 0, max: 6, names: DAYS };

/** The values a field allows, and whether it was written as `*` or `?` (it matters for days). */
export interface CronField {
  readonly values: ReadonlySet<number>;
  readonly star: boolean;
}

/** Parses one field: a comma-separated list of `*`, `?`, `N`, `N-M`, each with an optional `/step`. */
export function parseField(text: string, bounds: Bounds): CronField {
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const range = parseRange(part, bounds);
    for (const v of range.values) values.add(v);
    star ||= range.star;
  }
  return { values, star };
}

function parseRange(expr: string, bounds: Bounds): CronField {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = bounds.min;
    end = bounds.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0]!, bounds.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, bounds.names);
    else throw new Error(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseNonNegative(rangeAndStep[1]!);
    // `N/step` means from N to the end of the field.
    if (single) end = bounds.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new Error(`too many slashes: ${expr}`);
  }
  if (start < bounds.min)
    throw new Error(`beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) throw new Error(`end of range (${end}) above maximum (${bounds.max}): ${expr}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
  const values = new Set<number>();
  for (let v = start; v <= end; v += step) values.add(v);
  return { values, star };
}

function parseIntOrName(text: string, names: Readonly<Record<string, number>> | undefined): number {
  const named = names?.[text.toLowerCase()];
  return named ?? parseNonNegative(text);
}

function parseNonNegative(text: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`failed to parse int from ${text}`);
  return Number(text);
}
