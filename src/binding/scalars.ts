import type { TimeFormat } from './schema-options.js';

/** Returned by the parsers below when the text is not a value of their type. */
export const invalid: unique symbol = Symbol('invalid');
export type Parsed<T> = T | typeof invalid;

const integerText = /^[+-]?\d+$/;
const numberText = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A safe integer written in decimal; `1.0`, `1e3`, `0x10` and out-of-range values are not. */
export function parseInteger(text: string): Parsed<number> {
  if (!integerText.test(text)) return invalid;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : invalid;
}

/** A finite decimal number; '', `NaN` and `Infinity` are not numbers here, unlike `Number()`. */
export function parseNumber(text: string): Parsed<number> {
  if (!numberText.test(text)) return invalid;
  const value = Number(text);
  return Number.isFinite(value) ? value : invalid;
}

export function parseBigInt(text: string): Parsed<bigint> {
  return integerText.test(text) ? BigInt(text) : invalid;
}

/** The boolean a spelling stands for, exactly as written. */
function booleanWord(text: string): Parsed<boolean> {
  switch (text) {
    case 'true':
    case '1':
    case 'on':
      return true;
    case 'false':
    case '0':
    case 'off':
      return false;
    default:
      return invalid;
  }
}

/** `true/false`, `1/0` and `on/off` (what an HTML checkbox sends), in any case. */
export function parseBoolean(text: string): Parsed<boolean> {
  // Clients mostly send the lower-case spellings: they are matched before the text is lowered.
  const exact = booleanWord(text);
  return exact === invalid ? booleanWord(text.toLowerCase()) : exact;
}

const isoDate =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;
const unixText = /^-?\d+(?:\.\d+)?$/;

/**
 * A date in the given format. ISO 8601 accepts a date (`2024-05-01`, midnight UTC) or a date
 * and time; a time without an offset is read as UTC, never as the server's local time, so the
 * same request binds the same instant on every machine.
 */
export function parseDate(input: string | number, format: TimeFormat): Parsed<Date> {
  if (format !== 'iso8601') {
    const value = typeof input === 'number' ? input : unixText.test(input) ? Number(input) : Number.NaN;
    if (!Number.isFinite(value)) return invalid;
    const date = new Date(format === 'unix' ? value * 1000 : value);
    return Number.isNaN(date.getTime()) ? invalid : date;
  }
  if (typeof input !== 'string') return invalid;
  const match = isoDate.exec(input);
  if (match === null) return invalid;
  const [, year, month, day, hour, minute, second, zone] = match;
  if (!validDay(Number(year), Number(month), Number(day))) return invalid;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59))
    return invalid;
  let text = input.replace(' ', 'T');
  if (hour !== undefined && zone === undefined) text += 'Z';
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? invalid : date;
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days =
    month === 2
      ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
        ? 29
        : 28
      : [4, 6, 9, 11].includes(month)
        ? 30
        : 31;
  return day <= days;
}

/** How a date of this format is described in a problem. */
export function dateExpectation(format: TimeFormat): string {
  if (format === 'unix') return 'must be a time in seconds since the epoch';
  if (format === 'unixmilli') return 'must be a time in milliseconds since the epoch';
  return 'must be a date or date-time in ISO 8601 format';
}
