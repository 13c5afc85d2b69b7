/**
 * A request body read as daprd reads it, with Go's `json.NewDecoder(body).Decode(&req)`: only
 * the first JSON value counts (anything after it is ignored), and a malformed body is refused in
 * the words of Go's decoder (`EOF`, `unexpected EOF`, `invalid character 'x' looking for
 * beginning of value`…) rather than V8's, so clients that match daprd's texts keep working.
 */
export function decodeFirstJsonValue(
  text: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: false, message: 'EOF' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const trailing = /^Unexpected non-whitespace character after JSON at position (\d+)/.exec(message);
    if (trailing !== null) return decodeFirstJsonValue(text.slice(0, Number(trailing[1])));
    return { ok: false, message: goSyntaxError(text, message) };
  }
}

/** What Go's decoder says where V8 says `message`. */
function goSyntaxError(text: string, message: string): string {
  if (/^Unexpected end of JSON input/.test(message)) return 'unexpected EOF';
  const at = /at position (\d+)/.exec(message);
  if (at === null) {
    const token = /^Unexpected token '(.)'/u.exec(message);
    if (token === null) return message;
    return brokenLiteral(text) ?? `invalid character ${quoteChar(token[1]!)} looking for beginning of value`;
  }
  const position = Number(at[1]);
  // A value cut short: Go reads to the end of the body and finds nothing more.
  if (position >= text.trimEnd().length) return 'unexpected EOF';
  const c = quoteChar(String.fromCodePoint(text.codePointAt(position)!));
  const context: [RegExp, string][] = [
    [
      /^Expected property name or '}'|^Expected double-quoted property name/,
      'looking for beginning of object key string',
    ],
    [/^Expected ':' after property name/, 'after object key'],
    [/^Expected ',' or '}' after property value/, 'after object key:value pair'],
    [/^Expected ',' or '\]' after array element/, 'after array element'],
    [/^Bad control character in string literal/, 'in string literal'],
    [/^Bad escaped character|^Bad Unicode escape/, 'in string escape code'],
    [
      /^No number after minus sign|^Unterminated fractional number|^Exponent part is missing/,
      'in numeric literal',
    ],
    [/^Unterminated string/, 'in string literal'],
  ];
  const found = context.find(([pattern]) => pattern.test(message));
  return `invalid character ${c} ${found === undefined ? 'looking for beginning of value' : found[1]}`;
}

const LITERALS: Readonly<Record<string, string>> = { t: 'true', f: 'false', n: 'null' };

/**
 * V8 gives no position for a bad letter inside `true`, `false` or `null`; Go's scanner names the
 * literal and the letter it expected. The first literal cut short by another character, outside
 * strings, is where both stop; anything else unexpected first leaves the generic text.
 */
function brokenLiteral(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      continue;
    }
    const literal = LITERALS[c];
    if (literal === undefined) {
      const inNumber = /[eE]/.test(c) && /[0-9.]/.test(text[i - 1] ?? '');
      if (inNumber || /[\s{}[\],:0-9+.-]/.test(c)) continue;
      return undefined;
    }
    for (let k = 1; k < literal.length; k++) {
      const got = text.codePointAt(i + k);
      if (got === undefined) return undefined;
      const want = literal[k]!;
      if (String.fromCodePoint(got) !== want) {
        return `invalid character ${quoteChar(String.fromCodePoint(got))} in literal ${literal} (expecting ${quoteChar(want)})`;
      }
    }
    i += literal.length - 1;
  }
  return undefined;
}

/** Go's quoteChar: `'x'`, with `'` and control characters escaped as strconv.Quote would. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const quoted = JSON.stringify(c);
  return `'${quoted.slice(1, -1)}'`;
}
