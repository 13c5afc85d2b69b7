import { type Document, isAlias, isMap, isScalar, isSeq, type Node, parseAllDocuments } from 'yaml';

/**
 * YAML read the way daprd reads component files: its YAML library (go-yaml v2, YAML 1.1) decides
 * what an unquoted scalar is, so `010` is the integer 8, `yes`, `on` and `y` are true, `0x1F`
 * is 31, `1_000` is 1000, and a date stays the text it was. Quoted scalars are always text.
 *
 * Plain values come back typed: `boolean`, `null`, `bigint` (integers, exact) or `number`
 * (floats); everything else is a string, an array or a plain object.
 */
export type GoYamlValue = string | boolean | null | bigint | number | GoYamlValue[] | GoYamlObject;
export interface GoYamlObject {
  [key: string]: GoYamlValue;
}

export interface GoYamlDocument {
  readonly value: GoYamlValue;
  /** The first error of the document (its first line), when it is not valid YAML. */
  readonly error: string | undefined;
}

/** Every document of a multi-document text, each with Dapr's reading of its scalars. */
export function parseGoYamlDocuments(text: string): GoYamlDocument[] {
  // The failsafe schema keeps every scalar as its text; go-yaml v2's rules are applied below.
  return parseAllDocuments(text, { schema: 'failsafe' }).map((doc) => {
    if (doc.errors.length > 0) return { value: null, error: doc.errors[0]!.message.split('\n')[0] };
    try {
      return { value: toValue(doc.contents, doc), error: undefined };
    } catch (error) {
      return { value: null, error: (error as Error).message };
    }
  });
}

function toValue(node: Node | null | undefined, doc: Document.Parsed, depth = 0): GoYamlValue {
  if (node === null || node === undefined) return null;
  if (depth > 100) throw new Error('YAML nesting too deep');
  if (isAlias(node)) return toValue(node.resolve(doc), doc, depth + 1);
  if (isMap(node)) {
    const out: GoYamlObject = {};
    for (const pair of node.items) {
      const key = toValue(pair.key as Node | null, doc, depth + 1);
      out[goKeyText(key)] = toValue(pair.value as Node | null, doc, depth + 1);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((item) => toValue(item as Node | null, doc, depth + 1));
  if (isScalar(node)) {
    const text = String(node.value ?? '');
    // Only an untagged plain scalar is resolved; quoted, block and `!!str` scalars are text.
    return node.type === 'PLAIN' && node.tag === undefined ? resolvePlainScalar(text) : text;
  }
  return null;
}

const BOOLEANS: Readonly<Record<string, boolean>> = Object.fromEntries([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((w) => [w, true]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((w) => [w, false]),
]);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: Readonly<Record<string, number>> = {
  '.nan': Number.NaN,
  '.NaN': Number.NaN,
  '.NAN': Number.NaN,
  ...Object.fromEntries(['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((w) => [w, Infinity])),
  ...Object.fromEntries(['-.inf', '-.Inf', '-.INF'].map((w) => [w, -Infinity])),
};
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const TIMESTAMP =
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|\s+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/;

/** go-yaml v2's `resolve` for an untagged plain scalar. */
export function resolvePlainScalar(text: string): GoYamlValue {
  if (text in BOOLEANS) return BOOLEANS[text]!;
  if (NULLS.has(text)) return null;
  if (text in SPECIAL_FLOATS) return SPECIAL_FLOATS[text]!;
  const first = text[0]!;
  if (first === '.') {
    const n = goParseFloat(text);
    return n === undefined ? text : n;
  }
  if (!/[-+0-9]/.test(first)) return text;
  // A timestamp decoded into an untyped value stays its text in go-yaml v2.
  if (TIMESTAMP.test(text)) return text;
  const plain = text.replaceAll('_', '');
  const int = goParseInt(plain);
  if (int !== undefined) return int;
  if (YAML_FLOAT.test(plain)) {
    const n = goParseFloat(plain);
    if (n !== undefined) return n;
  }
  return text;
}

const UINT64_MAX = 2n ** 64n - 1n;
const INT64_MIN = -(2n ** 63n);

/** Go's `strconv.ParseInt(s, 0, 64)`, falling back to ParseUint as go-yaml does. */
function goParseInt(text: string): bigint | undefined {
  const match = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|0|[1-9][0-9]*)$/.exec(text);
  if (match === null) return undefined;
  const [, sign, digits] = match;
  let magnitude: bigint;
  if (/^0[oO]/.test(digits!)) magnitude = BigInt(`0o${digits!.slice(2)}`);
  else if (/^0[0-7]+$/.test(digits!)) magnitude = BigInt(`0o${digits!.slice(1)}`);
  else magnitude = BigInt(digits!);
  const value = sign === '-' ? -magnitude : magnitude;
  if (value < INT64_MIN || value > UINT64_MAX || (sign !== '' && value > UINT64_MAX >> 1n)) return undefined;
  return value;
}

/** Go's `strconv.ParseFloat` for the decimal forms YAML allows (range errors included). */
function goParseFloat(text: string): number | undefined {
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A scalar as Go's decoder writes it into a string field (sigs.k8s.io/yaml): integers in
 * decimal, floats in `%g` form at float32 precision, booleans as `true`/`false`, null as "".
 */
export function goStringField(value: GoYamlValue): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null) return '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatFloat32G(value);
  return undefined;
}

function goKeyText(key: GoYamlValue): string {
  return goStringField(key) ?? JSON.stringify(key);
}

/** Go's `strconv.FormatFloat(v, 'g', -1, 32)`. */
function formatFloat32G(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const f = Math.fround(value);
  let digits = 1;
  while (digits < 9 && Math.fround(Number(f.toPrecision(digits))) !== f) digits++;
  const [mantissa, exp] = f.toExponential(digits - 1).split('e') as [string, string];
  const exponent = Number(exp);
  // With the shortest precision Go switches to the exponent form from 1e+06 on.
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(Number(f.toPrecision(digits)));
}
