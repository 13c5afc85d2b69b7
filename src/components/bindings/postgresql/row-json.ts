import type pg from 'pg';
import { goJsonMarshal } from '../../go-json.js';

/**
 * Query results as the JSON text Dapr's postgresql binding writes: an array of row arrays, each
 * value in the form Go's encoder gives it (numbers as numbers, even int8 and numeric beyond
 * 2^53; bytea as base64; timestamps as RFC 3339 in UTC; json re-encoded). uuid is written as its text, where
 * Dapr writes 16 numbers (a known complaint).
 */

const OID = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
  uuid: 2950,
  jsonb: 3802,
} as const;

const RAW = new Set<number>(Object.values(OID));
const raw = (value: string): string => value;

/**
 * Type parsers that keep the handled types as the server's text; the rest go through pg's usual
 * parsers. Takes pg's own table so that pg is only loaded by a binding that connects.
 */
export function rawTypes(types: typeof pg.types): { getTypeParser: typeof pg.types.getTypeParser } {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      RAW.has(oid) ? raw : types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
  };
}

export function rowsToJson(rows: readonly unknown[][], typeIds: readonly number[]): string {
  const out: string[] = [];
  for (const row of rows)
    out.push(`[${row.map((value, i) => valueToJson(value, typeIds[i] ?? 0)).join(',')}]`);
  return `[${out.join(',')}]`;
}

function valueToJson(value: unknown, oid: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'string') return JSON.stringify(value) ?? 'null';
  switch (oid) {
    case OID.bool:
      return value === 't' ? 'true' : 'false';
    case OID.int2:
    case OID.int4:
    case OID.int8:
    case OID.oid:
    case OID.numeric:
      return /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value) ? value : JSON.stringify(value);
    case OID.float4:
    case OID.float8:
      if (!Number.isFinite(Number(value)))
        throw new Error(`error serializing results: json: unsupported value: ${value}`);
      return JSON.stringify(Number(value));
    case OID.json:
    case OID.jsonb:
      // Dapr's driver decodes json into Go values and the binding encodes them again: keys
      // sorted, no spaces, `<>&` escaped, every number a float64.
      return goJsonMarshal(JSON.parse(value));
    case OID.bytea:
      return JSON.stringify(
        Buffer.from(value.startsWith('\\x') ? value.slice(2) : value, 'hex').toString('base64'),
      );
    case OID.date:
      return JSON.stringify(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    case OID.timestamp:
      return JSON.stringify(timestampToRfc3339(value, false));
    case OID.timestamptz:
      return JSON.stringify(timestampToRfc3339(value, true));
    default:
      return JSON.stringify(value);
  }
}

/** `2024-05-01 10:20:30.123456+02` → `2024-05-01T08:20:30.123456Z`; infinities stay as text. */
function timestampToRfc3339(text: string, hasZone: boolean): string {
  const match =
    /^(\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/.exec(
      text,
    );
  if (match === null) return text;
  const [, y, mo, d, h, mi, s, frac, sign, oh, om, os] = match;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (hasZone && sign !== undefined) {
    const offset = (Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0)) * 1000;
    ms += sign === '+' ? -offset : offset;
  }
  const base = new Date(ms).toISOString().slice(0, 19);
  const fraction = (frac ?? '').replace(/0+$/, '');
  return fraction === '' ? `${base}Z` : `${base}.${fraction}Z`;
}
