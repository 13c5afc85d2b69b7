import { withCode } from '../http/startup-error.js';

// How a call's inputs travel, written to match how the server's binder reads them back: path
// parameters percent-encoded, arrays as repeated keys (every declared collection format also
// reads repeated keys), nested objects as bracket keys, cookies as one Cookie header.

/** One scalar as text: dates in ISO 8601 (the binder's default time format), bigints in full. */
export function scalarText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value === null) return '';
  return String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Blob)
  );
}

/** `{2024, 5, 7}` as the `date` macro reads it: `2024/05/07`, three segments. */
function pathDate(date: Date): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}/${pad(date.getUTCMonth() + 1, 2)}/${pad(date.getUTCDate(), 2)}`;
}

/** Fills `{name}` parameters of a plain path; a missing one is the caller's mistake. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) {
      throw withCode(new TypeError(`path parameter ${name} of ${path} is missing`), 'BND_ERR_INVALID_OPTION');
    }
    return value instanceof Date ? pathDate(value) : encodeURIComponent(scalarText(value));
  });
}

/** Appends a value under `key`: arrays repeat the key, records nest in brackets. */
export function appendPairs(out: [string, string | Blob][], key: string, value: unknown): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) appendPairs(out, key, item);
  } else if (isRecord(value)) {
    for (const [name, item] of Object.entries(value)) appendPairs(out, `${key}[${name}]`, item);
  } else if (value instanceof Blob) {
    out.push([key, value]);
  } else {
    out.push([key, scalarText(value)]);
  }
}

/** The pairs of a record, in order, for a query string or a form. */
export function pairsOf(record: Record<string, unknown>): [string, string | Blob][] {
  const out: [string, string | Blob][] = [];
  for (const [key, value] of Object.entries(record)) appendPairs(out, key, value);
  return out;
}

export function queryString(query: Record<string, unknown> | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of pairsOf(query)) {
    if (typeof value !== 'string')
      throw withCode(new TypeError(`query parameter ${key} cannot carry a file`), 'BND_ERR_INVALID_OPTION');
    params.append(key, value);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Sets declared headers: an array is one comma-separated value, as HTTP list headers are. */
export function setHeaders(headers: Headers, declared: Record<string, unknown> | undefined): void {
  if (declared === undefined) return;
  for (const [name, value] of Object.entries(declared)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.map(scalarText).join(', ') : scalarText(value));
  }
}

/** The Cookie header for declared cookies, values percent-encoded as the server decodes them. */
export function cookieHeader(cookies: Record<string, unknown> | undefined): string | undefined {
  if (cookies === undefined) return undefined;
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(cookies)) {
    if (value !== undefined) pairs.push(`${name}=${encodeURIComponent(scalarText(value))}`);
  }
  return pairs.length === 0 ? undefined : pairs.join('; ');
}

function holdsBlob(value: unknown): boolean {
  if (value instanceof Blob) return true;
  if (Array.isArray(value)) return value.some(holdsBlob);
  if (isRecord(value)) return Object.values(value).some(holdsBlob);
  return false;
}

/** A bigint has no JSON form; the binder reads a decimal string into a `t.BigInt()`. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/**
 * The body as fetch takes it: JSON unless it holds a Blob (multipart) or the caller asks for a
 * form. FormData and URLSearchParams set their own Content-Type (with the multipart boundary).
 */
export function encodeBody(
  body: unknown,
  as: 'json' | 'form' | 'multipart' | undefined,
  headers: Headers,
): string | FormData | URLSearchParams {
  const kind = as ?? (holdsBlob(body) ? 'multipart' : 'json');
  if (kind === 'json') {
    headers.set('content-type', 'application/json');
    return JSON.stringify(body, jsonReplacer);
  }
  if (!isRecord(body))
    throw withCode(new TypeError(`a ${kind} body must be an object of fields`), 'BND_ERR_INVALID_OPTION');
  const pairs = pairsOf(body);
  if (kind === 'form') {
    const form = new URLSearchParams();
    for (const [key, value] of pairs) {
      if (typeof value !== 'string')
        throw withCode(
          new TypeError(`form field ${key} cannot carry a file: send multipart`),
          'BND_ERR_INVALID_OPTION',
        );
      form.append(key, value);
    }
    return form;
  }
  const data = new FormData();
  for (const [key, value] of pairs) data.append(key, value);
  return data;
}
