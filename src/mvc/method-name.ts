import { HTTP_METHODS, type HttpMethod } from '../http/methods.js';
import { StartupError } from '../http/startup-error.js';

/** The HTTP methods a controller method name can start with; `any` stands for all of them. */
export type { HttpMethod };

/** A route's method: one HTTP method, or `*` for every method. */
export type RouteMethod = HttpMethod | '*';

const methodWords: ReadonlyMap<string, RouteMethod> = new Map<string, RouteMethod>([
  ...HTTP_METHODS.map((m) => [m.toLowerCase(), m] as const),
  ['any', '*'],
]);

/** One part of a path made from a name: a literal word, or the n-th `By` parameter. */
export type NameSegment =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'param'; readonly index: number; readonly wildcard: boolean };

export interface ParsedName {
  readonly method: RouteMethod;
  readonly segments: readonly NameSegment[];
  /** How many `By` parameters the name has (a wildcard counts as one). */
  readonly params: number;
}

/**
 * Splits a camelCase name into words, keeping acronyms whole: a capital starts a word, except
 * inside a run of capitals, where only the capital before a lower-case letter does
 * (`getAPIKeys` → get, API, Keys; `getUserID` → get, User, ID). Digits stay with the word
 * before them (`getV2Orders` → get, V2, Orders).
 */
export function splitWords(name: string): string[] {
  const words: string[] = [];
  let start = 0;
  for (let i = 1; i < name.length; i++) {
    const char = name[i] as string;
    if (!isUpper(char)) continue;
    const before = name[i - 1] as string;
    const after = name[i + 1];
    const startsWord = !isUpper(before) || (after !== undefined && isLower(after));
    if (startsWord) {
      words.push(name.slice(start, i));
      start = i;
    }
  }
  words.push(name.slice(start));
  return words;
}

function isUpper(char: string): boolean {
  return char >= 'A' && char <= 'Z';
}

function isLower(char: string): boolean {
  return char >= 'a' && char <= 'z';
}

const identifier = /^[A-Za-z][A-Za-z0-9]*$/;

/** Why a name that starts like a route cannot be one; thrown so the controller fails at startup. */
export class MethodNameError extends StartupError {
  constructor(
    readonly methodName: string,
    reason: string,
  ) {
    super('BND_ERR_CONTROLLER', `${methodName}: ${reason}`);
    this.name = 'MethodNameError';
  }
}

/**
 * Reads a route from a method name: the first word is the HTTP method (`get`, `post`, …, `any`),
 * every later word a lower-case path segment, `By` a parameter and `ByWildcard` the rest of the
 * path. Names that do not start with a method word, or hold anything but letters and digits,
 * are not routes (undefined).
 */
export function parseMethodName(name: string): ParsedName | undefined {
  if (!identifier.test(name)) return undefined;
  const [first, ...rest] = splitWords(name);
  const method = methodWords.get(first as string);
  if (method === undefined) return undefined;
  const segments: NameSegment[] = [];
  let params = 0;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] as string;
    if (word !== 'By') {
      segments.push({ kind: 'literal', text: word.toLowerCase() });
      continue;
    }
    const wildcard = rest[i + 1] === 'Wildcard';
    if (wildcard) {
      i++;
      if (i !== rest.length - 1)
        throw new MethodNameError(name, 'ByWildcard takes the rest of the path, so it must end the name');
    }
    segments.push({ kind: 'param', index: params, wildcard });
    params++;
  }
  return { method, segments, params };
}

/** The parameter segment a `By` gets unless the controller declares one: `{id}`, `{id2}`, …, `{rest:path}`. */
export function defaultParam(index: number, wildcard: boolean): string {
  if (wildcard) return '{rest:path}';
  return index === 0 ? '{id}' : `{id${index + 1}}`;
}

/** Joins a parsed name into a path template, with `params[i]` for the i-th `By`. */
export function templateOf(parsed: ParsedName, params: readonly string[]): string {
  if (parsed.segments.length === 0) return '/';
  let path = '';
  for (const segment of parsed.segments) {
    path += '/';
    path += segment.kind === 'literal' ? segment.text : (params[segment.index] as string);
  }
  return path;
}
