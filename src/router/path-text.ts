/**
 * Percent-decodes path text, or returns undefined when an escape is malformed: a path the router
 * cannot read unambiguously matches nothing rather than throwing.
 */
export function decodePathText(text: string): string | undefined {
  if (text.indexOf('%') === -1) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function asciiLower(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[i];
  }
  return out;
}

/**
 * Lower-cases text for case-insensitive matching while keeping its length, so offsets found in
 * the folded text are valid in the original (a few non-ASCII letters grow when lower-cased).
 */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : asciiLower(text);
}

export const SLASH = 47;
const PERCENT = 37;
const QUERY = 63;
const HASH = 35;
/** Up to this many characters, a character loop beats native string scans. */
const SHORT = 16;

/**
 * End of the segment at `start`. With `check` (the raw pass), a segment holding `%`, `?` or `#`
 * gives a negative number instead. Short segments are read once in a loop, which beats three
 * native scans; a long one falls back to them.
 */
export function segmentEnd(path: string, start: number, check: boolean): number {
  const length = path.length;
  if (check) {
    const stop = Math.min(length, start + SHORT);
    let clean = true;
    for (let i = start; i < stop; i++) {
      const code = path.charCodeAt(i);
      if (code === SLASH) return clean ? i : -1;
      if (code === PERCENT || code === QUERY || code === HASH) clean = false;
    }
    if (!clean || (stop !== length && needsCare(path, start))) return -1;
    if (stop === length) return length;
    start = stop;
  }
  const end = path.indexOf('/', start);
  return end === -1 ? length : end;
}

/**
 * Whether the path from `start` to its end holds `%`, `?` or `#`. Three native scans beat one
 * character loop even on short paths: each is a memchr-like search, the loop a call per character.
 */
export function needsCare(path: string, start: number): boolean {
  return (
    path.indexOf('%', start) !== -1 || path.indexOf('?', start) !== -1 || path.indexOf('#', start) !== -1
  );
}

/** The path with every run of slashes before its query or fragment made one slash. */
export function mergeSlashes(path: string): string {
  const run = path.indexOf('//');
  if (run === -1) return path;
  let end = path.length;
  const query = path.indexOf('?');
  if (query !== -1) end = query;
  const hash = path.indexOf('#');
  if (hash !== -1 && hash < end) end = hash;
  if (run >= end) return path;
  let out = path.slice(0, run + 1);
  for (let i = run + 1; i < end; i++) {
    if (path.charCodeAt(i) !== SLASH || path.charCodeAt(i - 1) !== SLASH) out += path[i];
  }
  return out + path.slice(end);
}
