import {
  isTruthy,
  parseGoBool,
  parseGoDuration,
  parseQuantityBytes,
  parseStrictBoolean,
} from './metadata-values.js';

/** The value kinds a component metadata field can declare; each has one parser. */
export interface MetadataFieldTypes {
  string: string;
  integer: number;
  number: number;
  boolean: boolean;
  /** Go duration (`5s`, `1m30s`, `250ms`) or whole seconds; parsed to milliseconds. */
  duration: number;
  /** Bytes, or a quantity such as `100Mi`, `4Ki`, `1M`; parsed to bytes. */
  bytesize: number;
}

export type MetadataFieldType = keyof MetadataFieldTypes;

interface FieldOf<T extends MetadataFieldType> {
  readonly type: T;
  readonly description: string;
  readonly required?: boolean;
  readonly default?: MetadataFieldTypes[T];
  /** Never logged or shown in errors (passwords, tokens, connection strings). */
  readonly sensitive?: boolean;
  /** Other accepted names (matched case-insensitively like the name itself). */
  readonly aliases?: readonly string[];
  /** For strings: the accepted values, compared case-insensitively. */
  readonly oneOf?: readonly string[];
  /**
   * How the component's Dapr counterpart reads the value, where components differ. Booleans:
   * `truthy` (the default: y/yes/true/t/on/1 are true, any other word is false, with a warning)
   * or `go` (Go's strconv.ParseBool: 1/t/T/TRUE/true/True and their false forms, else an error).
   * Durations: `seconds` (the default: a bare integer counts seconds) or `milliseconds`.
   */
  readonly grammar?: 'truthy' | 'go' | 'seconds' | 'milliseconds';
  /**
   * A field Dapr reads that Bindery does not implement (cloud identity sign-in, say): setting it
   * (a non-empty value; for a boolean, a true one) stops the component at load with this reason,
   * rather than connecting some other way than the file asked for.
   */
  readonly unsupported?: string;
}

/** One declared metadata field of a component. */
export type MetadataField = { [T in MetadataFieldType]: FieldOf<T> }[MetadataFieldType];

/** A component's declared fields, keyed by their canonical name. */
export type MetadataFields = Readonly<Record<string, MetadataField>>;

type HasValue<F> = F extends { readonly required: true }
  ? true
  : F extends { readonly default: unknown }
    ? true
    : false;

/** The parsed metadata a component's `init` receives: required and defaulted fields are always set. */
export type MetadataValues<F extends MetadataFields> = {
  readonly [K in keyof F]: HasValue<F[K]> extends true
    ? MetadataFieldTypes[F[K]['type']]
    : MetadataFieldTypes[F[K]['type']] | undefined;
};

/** Keeps the literal field declarations so `MetadataValues` can see `required` and `default`. */
export function defineMetadata<const F extends MetadataFields>(fields: F): F {
  return fields;
}

/** Runtime-level keys every component file may carry; they never reach a component's fields. */
const RESERVED_METADATA_KEYS: ReadonlySet<string> = new Set(['direction', 'route']);

export interface MetadataIssue {
  /** The field's canonical name (or the unknown key as written). */
  readonly field: string;
  readonly message: string;
}

export interface ParsedMetadata<F extends MetadataFields> {
  readonly values: MetadataValues<F>;
  /** Fields that are missing or malformed; the component must not start when this is non-empty. */
  readonly issues: readonly MetadataIssue[];
  /** Values read the lenient way Dapr reads them, though probably not meant so (worth a warning). */
  readonly notes: readonly MetadataIssue[];
  /** Keys no field declares (worth a warning: usually a typo). */
  readonly unknown: readonly string[];
}

/**
 * Reads a component's metadata against its declared fields. Keys match case-insensitively, as
 * Dapr's decoder does; an empty value counts as absent. Every problem is collected, not just the
 * first, so one start-up error lists them all.
 */
export function parseMetadata<F extends MetadataFields>(
  fields: F,
  properties: Readonly<Record<string, string>>,
): ParsedMetadata<F> {
  const byLowerKey = new Map<string, string>();
  for (const [key, value] of Object.entries(properties)) byLowerKey.set(key.toLowerCase(), value);
  const claimed = new Set<string>(RESERVED_METADATA_KEYS);
  const values: Record<string, unknown> = {};
  const issues: MetadataIssue[] = [];
  const notes: MetadataIssue[] = [];

  for (const [name, field] of Object.entries(fields)) {
    const names = [name, ...(field.aliases ?? [])].map((n) => n.toLowerCase());
    for (const n of names) claimed.add(n);
    const raw = names.map((n) => byLowerKey.get(n)).find((v) => v !== undefined && v !== '');
    if (raw === undefined) {
      if (field.required === true) issues.push({ field: name, message: 'is required' });
      values[name] = field.default;
      continue;
    }
    const parsed = parseField(field, raw);
    if (field.unsupported !== undefined && (!parsed.ok || parsed.value !== false)) {
      issues.push({ field: name, message: `is not supported by Bindery: ${field.unsupported}` });
      continue;
    }
    if (parsed.ok) {
      values[name] = parsed.value;
      if (parsed.note !== undefined) notes.push({ field: name, message: parsed.note });
    } else
      issues.push({ field: name, message: field.sensitive === true ? parsed.hiddenMessage : parsed.message });
  }

  const unknown = Object.keys(properties).filter((k) => !claimed.has(k.toLowerCase()));
  return { values: values as MetadataValues<F>, issues, notes, unknown };
}

type FieldParse =
  | { ok: true; value: unknown; note?: string }
  | { ok: false; message: string; hiddenMessage: string };

function parseField(field: MetadataField, raw: string): FieldParse {
  const fail = (expected: string): FieldParse => ({
    ok: false,
    message: `${JSON.stringify(raw)} is not ${expected}`,
    hiddenMessage: `the value is not ${expected}`,
  });
  switch (field.type) {
    case 'string': {
      if (field.oneOf === undefined) return { ok: true, value: raw };
      const match = field.oneOf.find((v) => v.toLowerCase() === raw.toLowerCase());
      return match === undefined ? fail(`one of ${field.oneOf.join(', ')}`) : { ok: true, value: match };
    }
    case 'integer': {
      const n = /^[+-]?\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
      return Number.isSafeInteger(n) ? { ok: true, value: n } : fail('an integer');
    }
    case 'number': {
      const n = raw.trim() === '' ? Number.NaN : Number(raw);
      return Number.isFinite(n) ? { ok: true, value: n } : fail('a number');
    }
    case 'boolean': {
      if (field.grammar === 'go') {
        const b = parseGoBool(raw);
        return b === undefined ? fail('a boolean (true, false, 1, 0, t, f)') : { ok: true, value: b };
      }
      const b = isTruthy(raw);
      const known = parseStrictBoolean(raw) !== undefined;
      return known
        ? { ok: true, value: b }
        : {
            ok: true,
            value: false,
            note: `${JSON.stringify(raw)} reads as false (true is y, yes, true, t, on or 1)`,
          };
    }
    case 'duration': {
      const ms = parseFieldDuration(raw, field.grammar === 'milliseconds' ? 1 : 1000);
      return ms === undefined
        ? fail(
            field.grammar === 'milliseconds'
              ? 'a duration (such as 10s, 1m30s, or whole milliseconds)'
              : 'a duration (such as 10s, 1m30s, 500ms, or whole seconds)',
          )
        : { ok: true, value: ms };
    }
    case 'bytesize': {
      const bytes = parseQuantityBytes(raw);
      return typeof bytes !== 'number' || bytes < 0
        ? fail('a size in bytes (such as 1048576, 100Mi, 4Ki)')
        : { ok: true, value: bytes };
    }
  }
}

/**
 * A duration as Dapr's decoders read one: a Go duration, or an integer in the component's unit
 * (seconds for most, milliseconds for redis). Signed integers count: `-1` often means "none".
 */
function parseFieldDuration(raw: string, unitMs: number): number | undefined {
  const go = parseGoDuration(raw);
  if (go !== undefined) return go;
  return /^[+-]?\d+$/.test(raw) ? Number(raw) * unitMs : undefined;
}
