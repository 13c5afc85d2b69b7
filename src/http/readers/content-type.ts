import { setOwn } from './form-record.js';

/** A Content-Type split into its bare media type and its parameters. */
export interface ContentType {
  /** Lower-case `type/subtype`, parameters dropped. */
  readonly type: string;
  /** Parameter names lower-cased; values unquoted (`charset`, `boundary`, …). */
  readonly params: Readonly<Record<string, string>>;
}

const token = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const noParams: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Parses a Content-Type header value (RFC 9110 §8.3.1). Returns undefined when the value is not
 * a media type at all, so the caller can answer 415 instead of guessing.
 */
export function parseContentType(value: string): ContentType | undefined {
  // Clients send the same few values request after request; the last answer, frozen, is
  // reused for the same text instead of cutting and testing it again.
  if (value === last.value) return last.parsed;
  const parsed = parse(value);
  if (parsed !== undefined) last = { value, parsed };
  return parsed;
}

let last: { readonly value: string; readonly parsed: ContentType | undefined } = {
  value: '',
  parsed: undefined,
};

function parse(value: string): ContentType | undefined {
  const semi = value.indexOf(';');
  const type = (semi === -1 ? value : value.slice(0, semi)).trim().toLowerCase();
  const slash = type.indexOf('/');
  if (slash <= 0 || slash === type.length - 1) return undefined;
  if (!token.test(type.slice(0, slash)) || !token.test(type.slice(slash + 1))) return undefined;
  if (semi === -1) return Object.freeze({ type, params: noParams });
  return Object.freeze({ type, params: Object.freeze(parseParams(value, semi + 1)) });
}

function parseParams(value: string, start: number): Record<string, string> {
  const params: Record<string, string> = {};
  let i = start;
  while (i < value.length) {
    const eq = value.indexOf('=', i);
    if (eq === -1) break;
    const name = value.slice(i, eq).trim().toLowerCase();
    let end: number;
    let text: string;
    if (value[eq + 1] === '"') {
      // A quoted string may hold `;` and backslash escapes, so it is read character by character.
      let out = '';
      let j = eq + 2;
      while (j < value.length && value[j] !== '"') {
        if (value[j] === '\\' && j + 1 < value.length) j++;
        out += value[j];
        j++;
      }
      text = out;
      end = value.indexOf(';', j);
    } else {
      end = value.indexOf(';', eq);
      text = (end === -1 ? value.slice(eq + 1) : value.slice(eq + 1, end)).trim();
    }
    if (name !== '' && !Object.hasOwn(params, name)) setOwn(params, name, text);
    if (end === -1) break;
    i = end + 1;
  }
  return params;
}
