import { isIPv4, isIPv6 } from 'node:net';
import { FormatRegistry } from '@sinclair/typebox';

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)?$/;
const emailPattern = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hostnamePattern =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const schemePattern = /^[a-z][a-z0-9+.-]*:/i;

function isDate(value: string): boolean {
  const match = datePattern.exec(value);
  if (match === null) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}

function isDateTime(value: string): boolean {
  const t = value.search(/[Tt ]/);
  if (t !== 10) return false;
  const time = value.slice(11);
  return isDate(value.slice(0, 10)) && timePattern.test(time) && /([Zz]|[+-]\d\d:\d\d)$/.test(time);
}

function isUri(value: string): boolean {
  if (!schemePattern.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The string formats a declaration may use without registering anything. TypeBox ships with
 * none and fails every value of an unknown format, so these are added once, and only where
 * the application has not registered its own.
 */
const builtIn: Record<string, (value: string) => boolean> = {
  date: isDate,
  time: (value) => timePattern.test(value),
  'date-time': isDateTime,
  email: (value) => emailPattern.test(value),
  uuid: (value) => uuidPattern.test(value),
  uri: isUri,
  hostname: (value) => hostnamePattern.test(value),
  ipv4: isIPv4,
  ipv6: isIPv6,
};

let registered = false;

export function registerBuiltInFormats(): void {
  if (registered) return;
  registered = true;
  for (const [name, check] of Object.entries(builtIn))
    if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, check);
}

/**
 * Registers a string format for `t.String({ format })`, or replaces one (a built-in included).
 * Bindery's build carries its own TypeBox runtime, so formats are registered here rather than
 * through the application's copy of TypeBox's FormatRegistry.
 */
export function registerFormat(name: string, check: (value: string) => boolean): void {
  FormatRegistry.Set(name, check);
}
