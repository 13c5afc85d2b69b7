import { Kind } from '@sinclair/typebox';
import type { UnknownPolicy } from './coercion-plan.js';
import { isTypeBoxSchema, type SchemaLike } from './schema-like.js';

/** The declared cookies of a `Cookie` header, keyed by the schema's own names. */
export type DeclaredCookiesReader = (header: string | undefined) => Record<string, string>;

/**
 * A cookie reader for the common declaration: a TypeBox object whose unknown names are dropped
 * (policy `strip`, no `additionalProperties`). Its binding step reads the declared names and
 * nothing else, so only their values are kept, under the schema's own (interned) names. The
 * general parse builds a record keyed by names cut from the header, which costs V8 a string-table
 * lookup per cookie, and a browser sends every cookie of the site on every request.
 *
 * What it keeps is exactly what the `cookie` package's `parse` gives for those names (a property
 * test holds the two together): pairs split on `;`, a pair without `=` skipped, name and value
 * trimmed of spaces and tabs, the first occurrence of a name winning, a value with `%`
 * percent-decoded unless that fails. Undefined is returned when the declaration does not qualify.
 */
export function compileDeclaredCookies(
  schema: SchemaLike | undefined,
  policy: UnknownPolicy,
): DeclaredCookiesReader | undefined {
  if (schema === undefined || policy !== 'strip' || !isTypeBoxSchema(schema)) return undefined;
  if (schema[Kind] !== 'Object' || schema.additionalProperties !== undefined) return undefined;
  const names = Object.keys((schema.properties ?? {}) as Record<string, unknown>);
  // Names like `constructor` or `__proto__` need the general record's null prototype.
  if (names.length === 0 || names.some((name) => name === '' || name in Object.prototype)) return undefined;
  return (header) => (header === undefined ? {} : readDeclared(header, names));
}

const SPACE = 0x20;
const TAB = 0x09;
const SEMICOLON = 0x3b;
const EQUALS = 0x3d;

function readDeclared(header: string, names: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  const length = header.length;
  if (length < 2) return record;
  let start = 0;
  while (start < length) {
    // One pass over the pair finds its end and its first `=` (a short header costs less read
    // here than through two searches per pair); a pair without `=` is skipped.
    let end = start;
    let eq = -1;
    for (; end < length; end++) {
      const code = header.charCodeAt(end);
      if (code === SEMICOLON) break;
      if (code === EQUALS && eq === -1) eq = end;
    }
    if (eq !== -1) {
      let nameStart = start;
      let nameEnd = eq;
      while (nameStart < nameEnd && isBlank(header.charCodeAt(nameStart))) nameStart++;
      while (nameEnd > nameStart && isBlank(header.charCodeAt(nameEnd - 1))) nameEnd--;
      const nameLength = nameEnd - nameStart;
      for (const name of names) {
        if (name.length !== nameLength || !header.startsWith(name, nameStart)) continue;
        if (record[name] === undefined) record[name] = decodeValue(trimmed(header, eq + 1, end));
        break;
      }
    }
    start = end + 1;
  }
  return record;
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

function trimmed(text: string, from: number, to: number): string {
  let start = from;
  let end = to;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

function decodeValue(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
