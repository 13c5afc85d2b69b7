import { parseGoDuration } from '../../metadata-values.js';
import {
  type CronField,
  DAYS_OF_MONTH,
  DAYS_OF_WEEK,
  HOURS,
  MINUTES,
  MONTHS_OF_YEAR,
  parseField,
  SECONDS,
} from './cron-fields.js';
import { type TimeZone, timeZone } from './time-zone.js';

/** When a schedule fires next: strictly after `afterMs`, or undefined when it never will. */
export interface CronSchedule {
  next(afterMs: number): number | undefined;
}

const DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

/**
 * Dapr's cron grammar (robfig/cron with optional seconds and descriptors): five or six fields
 * (`*\/15 * * * * *`, `0 30 * * * *`, `0 9 * * MON-FRI`), a descriptor (`@daily`, `@hourly`,
 * `@every 15m`), optionally after `TZ=Zone ` or `CRON_TZ=Zone `. Errors use robfig's texts.
 */
export function parseSchedule(spec: string): CronSchedule {
  let text = spec.trim();
  if (text === '') throw new Error('empty spec string');
  let zone: TimeZone = timeZone(undefined);
  if (text.startsWith('TZ=') || text.startsWith('CRON_TZ=')) {
    const space = text.search(/\s/);
    const name = text.slice(text.indexOf('=') + 1, space === -1 ? undefined : space);
    zone = timeZone(name);
    text = space === -1 ? '' : text.slice(space).trim();
  }
  if (text.startsWith('@')) return parseDescriptor(text, zone);
  const fields = text.split(/\s+/);
  if (fields.length < 5 || fields.length > 6)
    throw new Error(`expected 5 to 6 fields, found ${fields.length}: [${fields.join(' ')}]`);
  if (fields.length === 5) fields.unshift('0');
  return specSchedule(fields, zone);
}

function parseDescriptor(text: string, zone: TimeZone): CronSchedule {
  const fields = DESCRIPTORS[text];
  if (fields !== undefined) return specSchedule(fields.split(' '), zone);
  const every = /^@every\s+(.*)$/.exec(text);
  if (every === null) throw new Error(`unrecognized descriptor: ${text}`);
  const ms = parseGoDuration(every[1]!);
  if (ms === undefined)
    throw new Error(`failed to parse duration ${text}: time: invalid duration "${every[1]}"`);
  // Whole seconds only, at least one, each tick on a second boundary (robfig's ConstantDelaySchedule).
  const delay = Math.max(1000, Math.floor(ms / 1000) * 1000);
  return { next: (after) => after + delay - (((after % 1000) + 1000) % 1000) };
}

interface Spec {
  readonly second: CronField;
  readonly minute: CronField;
  readonly hour: CronField;
  readonly dom: CronField;
  readonly month: CronField;
  readonly dow: CronField;
}

function specSchedule(fields: readonly string[], zone: TimeZone): CronSchedule {
  const spec: Spec = {
    second: parseField(fields[0]!, SECONDS),
    minute: parseField(fields[1]!, MINUTES),
    hour: parseField(fields[2]!, HOURS),
    dom: parseField(fields[3]!, DAYS_OF_MONTH),
    month: parseField(fields[4]!, MONTHS_OF_YEAR),
    dow: parseField(fields[5]!, DAYS_OF_WEEK),
  };
  return {
    next(after) {
      const wall = nextWall(spec, zone.toWall(after));
      if (wall === undefined) return undefined;
      const at = zone.fromWall(wall);
      // A wall time repeated by a clock change can map before `after`; look past it.
      return at > after ? at : this.next(after + 1000);
    },
  };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * The next matching wall-clock time (milliseconds read with UTC getters) after `wallMs`,
 * searching field by field from the month down as robfig does, up to five years ahead.
 */
function nextWall(spec: Spec, wallMs: number): number | undefined {
  let t = new Date(Math.floor(wallMs / SECOND) * SECOND + SECOND);
  const yearLimit = t.getUTCFullYear() + 5;
  let added = false;
  const at = (y: number, mo: number, d = 1, h = 0, mi = 0, s = 0) => new Date(Date.UTC(y, mo, d, h, mi, s));
  wrap: for (;;) {
    if (t.getUTCFullYear() > yearLimit) return undefined;
    while (!spec.month.values.has(t.getUTCMonth() + 1)) {
      if (!added) {
        added = true;
        t = at(t.getUTCFullYear(), t.getUTCMonth());
      }
      t = at(t.getUTCFullYear(), t.getUTCMonth() + 1);
      if (t.getUTCMonth() === 0) continue wrap;
    }
    while (!dayMatches(spec, t)) {
      if (!added) {
        added = true;
        t = at(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
      }
      t = at(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1);
      if (t.getUTCDate() === 1) continue wrap;
    }
    while (!spec.hour.values.has(t.getUTCHours())) {
      if (!added) {
        added = true;
        t = at(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours());
      }
      t = new Date(t.getTime() + HOUR);
      if (t.getUTCHours() === 0) continue wrap;
    }
    while (!spec.minute.values.has(t.getUTCMinutes())) {
      if (!added) {
        added = true;
        t = new Date(Math.floor(t.getTime() / MINUTE) * MINUTE);
      }
      t = new Date(t.getTime() + MINUTE);
      if (t.getUTCMinutes() === 0) continue wrap;
    }
    while (!spec.second.values.has(t.getUTCSeconds())) {
      if (!added) {
        added = true;
        t = new Date(Math.floor(t.getTime() / SECOND) * SECOND);
      }
      t = new Date(t.getTime() + SECOND);
      if (t.getUTCSeconds() === 0) continue wrap;
    }
    return t.getTime();
  }
}

/** Day of month and day of week: both must match when either is `*`, else either may. */
function dayMatches(spec: Spec, t: Date): boolean {
  const dom = spec.dom.values.has(t.getUTCDate());
  const dow = spec.dow.values.has(t.getUTCDay());
  return spec.dom.star || spec.dow.star ? dom && dow : dom || dow;
}
