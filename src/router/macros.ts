import { withCode } from '../http/startup-error.js';
import type { ParamSchema } from './param-schema.js';

/**
 * What a macro's value is, as far as the macro functions care: `min`/`max`/`range` compare
 * lengths for `string`, values for `number` and `bigint`, and do not apply to the others.
 */
export type MacroValueKind = 'string' | 'number' | 'bigint' | 'boolean' | 'date' | 'other';

/**
 * Parameter types by macro name, used by `Params<Template>`. Add custom macros here through
 * declaration merging so their templates infer the right type:
 *
 * ```ts
 * declare module 'binderyjs/router' {
 *   interface MacroTypes { slug: string }
 * }
 * ```
 */
export interface MacroTypes {
  string: string;
  int: number;
  int8: number;
  int16: number;
  int32: number;
  int64: bigint;
  uint: number;
  uint8: number;
  uint16: number;
  uint32: number;
  uint64: bigint;
  bool: boolean;
  alphabetical: string;
  file: string;
  uuid: string;
  email: string;
  date: Date;
  weekday: number;
  /** iris's alias of `int`. */
  number: number;
  /** iris's alias of `int64`. */
  long: bigint;
  /** iris's alias of `bool`. */
  boolean: boolean;
  /** iris's alias of `uuid`. */
  uuidv4: string;
}

/** Any value a path parameter can hold. */
export type ParamValue = MacroTypes[keyof MacroTypes];

/** The value type a macro name stands for, `unknown` for names nobody declared. */
export type MacroValue<Name extends string> = Name extends keyof MacroTypes ? MacroTypes[Name] : unknown;

/**
 * Turns one percent-decoded, non-empty path segment into a value, or returns `undefined` when the
 * segment does not fit (the route then does not match, or answers its `else` status).
 */
export type MacroParser<V> = (segment: string) => V | undefined;

/** A custom macro: its parser plus what the functions and the OpenAPI layer need to know. */
export interface MacroDefinition<V> {
  readonly parse: MacroParser<V>;
  /** How `min`/`max`/`range` treat the value. Default `'other'`: those functions are refused. */
  readonly kind?: MacroValueKind;
  /** The OpenAPI schema of the raw segment. Default `{ type: 'string' }`. */
  readonly schema?: ParamSchema;
}

/** A registered macro as the router uses it. */
export interface Macro {
  readonly name: string;
  readonly kind: MacroValueKind;
  readonly parse: (segment: string) => unknown;
  /** Path segments the value spans; a macro spanning more than one must end the template. */
  readonly segments: number;
  readonly schema: ParamSchema;
  /** For the built-in safe-integer macros, their bounds: generated matchers read such digits inline. */
  readonly integer?: readonly [min: number, max: number];
}

function isIntegerText(text: string, signed: boolean): boolean {
  const length = text.length;
  let i = signed && text.charCodeAt(0) === 45 ? 1 : 0;
  if (i === length) return false;
  for (; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
  }
  return true;
}

function parseSafeInteger(text: string, min: number, max: number): number | undefined {
  const length = text.length;
  const negative = min < 0 && text.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  if (i === length) return undefined;
  // Digits are summed in the loop that checks them: up to 15 digits the sum is exact, and the
  // number is read without a second pass through Number().
  let value = 0;
  for (; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  if (length - (negative ? 1 : 0) > 15) {
    value = Math.abs(Number(text));
    if (!Number.isSafeInteger(value)) return undefined;
  }
  // "-0" is a valid spelling of zero, not a negative zero.
  if (negative && value !== 0) value = -value;
  return value < min || value > max ? undefined : value;
}

function parseBigInteger(text: string, min: bigint, max: bigint): bigint | undefined {
  if (!isIntegerText(text, min < 0n)) return undefined;
  const value = BigInt(text);
  return value < min || value > max ? undefined : value;
}

const TRUE_SPELLINGS = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE_SPELLINGS = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

function parseBool(text: string): boolean | undefined {
  if (TRUE_SPELLINGS.has(text)) return true;
  if (FALSE_SPELLINGS.has(text)) return false;
  return undefined;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** JSON Schema patterns have no case-insensitive flag, so each letter lists both cases. */
const WEEKDAY_PATTERN = `^(?:0*[0-6]|-0+|${WEEKDAYS.map((day) =>
  Array.from(day, (letter) => `[${letter.toUpperCase()}${letter}]`).join(''),
).join('|')})$`;

function parseWeekday(text: string): number | undefined {
  // Numbers are read as the integer macros read them, so `02` is Tuesday like `2`.
  const number = parseSafeInteger(text, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (number !== undefined) return number >= 0 && number <= 6 ? number : undefined;
  const day = WEEKDAYS.indexOf(text.toLowerCase());
  return day === -1 ? undefined : day;
}

const DATE_SHAPE = /^([0-9]{4})\/([0-9]{2})\/([0-9]{2})$/;

function parseDate(text: string): Date | undefined {
  const parts = DATE_SHAPE.exec(text);
  if (parts === null) return undefined;
  const year = Number(parts[1]);
  const month = Number(parts[2]);
  const day = Number(parts[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return undefined;
  // Date.UTC maps years below 100 to the 1900s, so the year is set on its own.
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCMonth() === month - 1 ? date : undefined;
}

function matching(pattern: RegExp): (text: string) => string | undefined {
  return (text) => (pattern.test(text) ? text : undefined);
}

const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const email = matching(EMAIL);

function parseEmail(text: string): string | undefined {
  const at = text.lastIndexOf('@');
  if (text.length > 254 || at > 64) return undefined;
  return email(text);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

function integer(name: string, min: number, max: number, schema: ParamSchema): Macro {
  return {
    name,
    kind: 'number',
    parse: (text) => parseSafeInteger(text, min, max),
    segments: 1,
    schema,
    integer: [min, max],
  };
}

function text(name: string, parse: (text: string) => string | undefined, schema: ParamSchema): Macro {
  return { name, kind: 'string', parse, segments: 1, schema };
}

const SAFE = Number.MAX_SAFE_INTEGER;

const BUILT_INS: readonly Macro[] = [
  text('string', (value) => value, { type: 'string' }),
  integer('int', -SAFE, SAFE, { type: 'integer', minimum: -SAFE, maximum: SAFE }),
  integer('int8', -128, 127, { type: 'integer', minimum: -128, maximum: 127 }),
  integer('int16', -32768, 32767, { type: 'integer', minimum: -32768, maximum: 32767 }),
  integer('int32', -(2 ** 31), 2 ** 31 - 1, {
    type: 'integer',
    format: 'int32',
    minimum: -(2 ** 31),
    maximum: 2 ** 31 - 1,
  }),
  integer('uint', 0, SAFE, { type: 'integer', minimum: 0, maximum: SAFE }),
  integer('uint8', 0, 255, { type: 'integer', minimum: 0, maximum: 255 }),
  integer('uint16', 0, 65535, { type: 'integer', minimum: 0, maximum: 65535 }),
  integer('uint32', 0, 2 ** 32 - 1, { type: 'integer', minimum: 0, maximum: 2 ** 32 - 1 }),
  {
    name: 'int64',
    kind: 'bigint',
    parse: (value) => parseBigInteger(value, INT64_MIN, INT64_MAX),
    segments: 1,
    schema: { type: 'integer', format: 'int64' },
  },
  {
    name: 'uint64',
    kind: 'bigint',
    parse: (value) => parseBigInteger(value, 0n, UINT64_MAX),
    segments: 1,
    // Its maximum (2^64 - 1) has no exact JSON number, so the format carries the range.
    schema: { type: 'integer', format: 'uint64', minimum: 0 },
  },
  { name: 'bool', kind: 'boolean', parse: parseBool, segments: 1, schema: { type: 'boolean' } },
  text('alphabetical', matching(/^[A-Za-z]+$/), { type: 'string', pattern: '^[A-Za-z]+$' }),
  text('file', matching(/^[A-Za-z0-9_.-]+$/), { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' }),
  text('uuid', matching(/^[0-9A-Fa-f]{8}-(?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}$/), {
    type: 'string',
    format: 'uuid',
  }),
  text('email', parseEmail, { type: 'string', format: 'email' }),
  {
    name: 'date',
    kind: 'date',
    parse: parseDate,
    segments: 3,
    schema: { type: 'string', pattern: '^[0-9]{4}/[0-9]{2}/[0-9]{2}$' },
  },
  {
    name: 'weekday',
    kind: 'number',
    parse: parseWeekday,
    segments: 1,
    schema: { type: 'string', pattern: WEEKDAY_PATTERN },
  },
];

const registry = new Map<string, Macro>(BUILT_INS.map((macro) => [macro.name, macro]));
// iris's alternative names: the same macro, so `{id:number}` and `{id:int}` are the same shape.
for (const [alias, name] of [
  ['number', 'int'],
  ['long', 'int64'],
  ['boolean', 'bool'],
  ['uuidv4', 'uuid'],
] as const) {
  registry.set(alias, registry.get(name)!);
}

/** Names with a meaning of their own inside `{name:...}`. */
const RESERVED = new Set(['path', 'else']);

/** Edit distance between two words, ignoring case. */
function distance(one: string, other: string): number {
  const a = one.toLowerCase();
  const b = other.toLowerCase();
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** The registered macro name closest to `word`, for "did you mean" messages. */
export function nearestMacro(word: string): string {
  let best = 'string';
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of registry.keys()) {
    const gap = distance(word, name);
    if (gap < bestDistance) {
      best = name;
      bestDistance = gap;
    }
  }
  return best;
}

/** The macro registered under `name`, if any. */
export function findMacro(name: string): Macro | undefined {
  return registry.get(name);
}

/**
 * Registers a custom macro for every router. Names are global because templates are parsed the
 * same way everywhere (`parseTemplate`, `toOpenApiPath`, `Params<T>`), so registering the same
 * name twice is an error rather than a silent override.
 */
export function registerMacro<V>(name: string, definition: MacroParser<V> | MacroDefinition<V>): void {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
    throw withCode(
      new TypeError(`macro name "${name}" must be a letter followed by letters, digits or "_"`),
      'BND_ERR_MACRO_DEFINITION',
    );
  }
  if (RESERVED.has(name) || registry.has(name)) {
    throw withCode(new TypeError(`macro "${name}" is already defined`), 'BND_ERR_MACRO_DEFINITION');
  }
  const spec = typeof definition === 'function' ? { parse: definition } : definition;
  if (typeof spec.parse !== 'function')
    throw withCode(new TypeError(`macro "${name}" needs a parse function`), 'BND_ERR_MACRO_DEFINITION');
  registry.set(name, {
    name,
    kind: spec.kind ?? 'other',
    parse: spec.parse,
    segments: 1,
    schema: spec.schema ?? { type: 'string' },
  });
}
