/**
 * Where a JSON text stops being valid, as an offset into it (or -1 when it is valid). V8's
 * `JSON.parse` messages give a position only for some errors, and a client fixing its payload
 * needs one every time, so after a failed parse the text is scanned once more here. The scanner
 * keeps an explicit stack: deep nesting from a hostile body cannot overflow the call stack.
 */
export function jsonErrorPosition(text: string): number {
  const stack: boolean[] = [];
  let i = skipSpace(text, 0);
  let wantValue = true;
  for (;;) {
    if (wantValue) {
      const c = text.charCodeAt(i);
      if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        const isObject = c === 0x7b;
        i = skipSpace(text, i + 1);
        if (text.charCodeAt(i) === (isObject ? 0x7d : 0x5d)) {
          i++;
          wantValue = false;
          continue;
        }
        stack.push(isObject);
        if (isObject) {
          i = member(text, i);
          if (i < 0) return -i - 1;
        }
        continue;
      }
      const end = scalar(text, i);
      if (end < 0) return -end - 1;
      i = end;
      wantValue = false;
      continue;
    }
    i = skipSpace(text, i);
    if (stack.length === 0) return i < text.length ? i : -1;
    const inObject = stack[stack.length - 1]!;
    const c = text.charCodeAt(i);
    if (c === 0x2c /* , */) {
      i = skipSpace(text, i + 1);
      if (inObject) {
        i = member(text, i);
        if (i < 0) return -i - 1;
      }
      wantValue = true;
    } else if (c === (inObject ? 0x7d : 0x5d)) {
      stack.pop();
      i++;
    } else {
      return i;
    }
  }
}

/** Reads `"key" :` and returns the offset of the value after it, or -(error offset) - 1. */
function member(text: string, i: number): number {
  if (text.charCodeAt(i) !== 0x22) return -i - 1;
  const end = string(text, i);
  if (end < 0) return end;
  const colon = skipSpace(text, end);
  if (text.charCodeAt(colon) !== 0x3a) return -colon - 1;
  return skipSpace(text, colon + 1);
}

function scalar(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return string(text, i);
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return number(text, i);
  for (const word of ['true', 'false', 'null']) {
    if (text.startsWith(word, i)) return i + word.length;
  }
  // Point at the first character that cannot continue a literal, not at its start.
  for (const word of ['true', 'false', 'null']) {
    if (word.charCodeAt(0) === c) {
      let j = 1;
      while (j < word.length && text.charCodeAt(i + j) === word.charCodeAt(j)) j++;
      return -(i + j) - 1;
    }
  }
  return -i - 1;
}

function string(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -i - 1;
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return -(i + 1) - 1;
        i += 6;
        continue;
      }
      if (e === undefined || !'"\\/bfnrt'.includes(e)) return -(i + 1) - 1;
      i += 2;
      continue;
    }
    i++;
  }
  return -i - 1;
}

function number(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === 0x2d) i++;
  if (text.charCodeAt(i) === 0x30) i++;
  else {
    const digitsFrom = i;
    i = digits(text, i);
    if (i === digitsFrom) return -i - 1;
  }
  if (text.charCodeAt(i) === 0x2e) {
    const from = ++i;
    i = digits(text, i);
    if (i === from) return -i - 1;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    const from = i;
    i = digits(text, i);
    if (i === from) return -i - 1;
  }
  return i;
}

function digits(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c < 0x30 || c > 0x39) break;
    j++;
  }
  return j;
}

function skipSpace(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    j++;
  }
  return j;
}

/** 1-based line and column of an offset, for error details people read. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
