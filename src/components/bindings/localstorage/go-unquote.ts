const encoder = new TextEncoder();

/**
 * Go's `strconv.Unquote`, on bytes: the localstorage binding applies it to incoming data because
 * Dapr's HTTP API hands a JSON string to the component still quoted. Returns undefined when the
 * text is not one Go quoted literal (the data is then kept as it is). `\x` and octal escapes
 * stand for raw bytes, as in Go.
 */
export function goUnquote(text: string): Uint8Array | undefined {
  if (text.length < 2) return undefined;
  const quote = text[0];
  if (quote !== text[text.length - 1]) return undefined;
  const body = text.slice(1, -1);
  if (quote === '`') return body.includes('`') ? undefined : encoder.encode(body.replaceAll('\r', ''));
  if (quote !== '"' && quote !== "'") return undefined;
  const out = unescapeBody(body, quote);
  // A single-quoted literal is exactly one character (a Go rune).
  if (out === undefined || (quote === "'" && out.chars !== 1)) return undefined;
  return Uint8Array.from(out.bytes);
}

const SIMPLE: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

function unescapeBody(body: string, quote: string): { bytes: number[]; chars: number } | undefined {
  const bytes: number[] = [];
  let chars = 0;
  let i = 0;
  while (i < body.length) {
    chars++;
    const c = body[i]!;
    if (c === quote || c === '\n') return undefined;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...encoder.encode(ch));
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return undefined;
    const simple = SIMPLE[e];
    if (simple !== undefined) {
      bytes.push(simple);
      i += 2;
    } else if (e === quote) {
      bytes.push(e.charCodeAt(0));
      i += 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const width = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + width);
      if (hex.length !== width || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
      const code = Number.parseInt(hex, 16);
      if (e === 'x') bytes.push(code);
      else if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) return undefined;
      else bytes.push(...encoder.encode(String.fromCodePoint(code)));
      i += 2 + width;
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct)) return undefined;
      const code = Number.parseInt(oct, 8);
      if (code > 255) return undefined;
      bytes.push(code);
      i += 4;
    } else {
      return undefined;
    }
  }
  return { bytes, chars };
}
