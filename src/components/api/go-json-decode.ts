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
    return token === null
      ? message
      : `invalid character ${quoteChar(token[1]!)} looking for beginning of value`;
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

/** Go's quoteChar: `'x'`, with `'` and control characters escaped as strconv.Quote would. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const quoted = JSON.stringify(c);
  return `'${quoted.slice(1, -1)}'`;
}
