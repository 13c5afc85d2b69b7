/**
 * JSON text as Go's `encoding/json.Marshal` writes a decoded `any`. Dapr's HTTP API decodes the
 * request's `data` and marshals it again before the component sees it, so a Dapr-compatible
 * server must produce the same bytes: object keys sorted, `<`, `>`, `&`, U+2028 and U+2029
 * escaped as `\u003c`-style sequences, numbers in their shortest form.
 */
export function goJsonMarshal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return goQuote(value);
    case 'number':
      // Go rejects NaN/Inf; JSON.parse never yields them, so this is only a guard.
      if (!Number.isFinite(value)) throw new TypeError(`json: unsupported value: ${value}`);
      return Object.is(value, -0) ? '-0' : JSON.stringify(value);
    case 'bigint':
      // Integers a YAML file wrote beyond 2^53 keep every digit, as Go's int64 does.
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(goJsonMarshal).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareBytes(a, b));
      return `{${entries.map(([k, v]) => `${goQuote(k)}:${goJsonMarshal(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`json: unsupported type: ${typeof value}`);
  }
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;

function goQuote(text: string): string {
  return JSON.stringify(text).replace(
    HTML_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Go sorts map keys by their UTF-8 bytes; comparing code points gives the same order. */
function compareBytes(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done === true) return y.done === true ? 0 : -1;
    if (y.done === true) return 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx - cy;
  }
}
