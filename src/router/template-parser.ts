import { TemplateError } from './errors.js';
import { compileChecks, MACRO_FUNCTIONS, type MacroCall } from './macro-functions.js';
import { findMacro, nearestMacro } from './macros.js';
import { anchored, macroSchema, type ParamSchema, regexSchema } from './param-schema.js';
import { SLASH } from './path-text.js';
import { unsafeRegex } from './regex-safety.js';

/**
 * How a parameter matches: a typed `macro`, an anchored `regex`, any `plain` segment, or the
 * `tail` (`{name:*}` / `{name:path}`) that takes the rest of the path.
 */
export type ParamKind = 'macro' | 'regex' | 'plain' | 'tail';

export interface TemplateParam {
  readonly name: string;
  readonly kind: ParamKind;
  /** The macro name, for `kind: 'macro'` (an alias such as `number` gives the macro's own name, `int`). */
  readonly macro?: string;
  /** The regular expression as written, for `kind: 'regex'` (the router anchors it). */
  readonly pattern?: string;
  /** The functions written after the macro, in order. */
  readonly functions: readonly MacroCall[];
  /** The status answered when the macro fails (`else 400`); without it a failure is a miss. */
  readonly elseStatus?: number;
  /** Literal text between the previous parameter of its segment (or the segment start) and it: `v` in `v{n}`. */
  readonly prefix: string;
  /** Literal text after the last parameter of a segment, as written (`:cancel`, `.json`); '' for the others. */
  readonly suffix: string;
  /** How many path segments the value spans: 1, 3 for `date`, Infinity for a tail. */
  readonly span: number;
  /**
   * Whether the template also answers without this parameter: `{id?}` (the params then lack
   * it) and `{rest:*?}` (the value is then ''). Only the last segment can be optional.
   */
  readonly optional: boolean;
  readonly schema: ParamSchema;
  /** 1-based column of the parameter's `{` in the template. */
  readonly column: number;
}

/**
 * One segment between slashes: literal text, one parameter filling it (perhaps with a suffix),
 * or `compound`: text and parameters mixed (`v{n:int}`, `{lat}-{lng}`, `{name}.{ext}`).
 */
export type TemplateSegment =
  | { readonly type: 'literal'; readonly value: string }
  | { readonly type: 'param'; readonly param: TemplateParam }
  | { readonly type: 'compound'; readonly params: readonly TemplateParam[] };

export interface ParsedTemplate {
  readonly template: string;
  /** Every segment between slashes, in order; a trailing slash gives an empty literal. */
  readonly segments: readonly TemplateSegment[];
  /** The parameters in the order they appear. */
  readonly params: readonly TemplateParam[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*/;
/** A spec that reads like `word fn(...)` or `word else ...`: a misspelt macro, not a regex. */
const MACRO_LIKE = /^[A-Za-z][A-Za-z0-9_]*\s+(?:[A-Za-z_][A-Za-z0-9_]*\(|else(?:\s|$))/;
/**
 * A spec that is one bare word: a macro name, never a regex, because a misspelt `{id:itn}` read as
 * a regex would match only the word itself and every real id would miss.
 */
const BARE_WORD = /^[A-Za-z][A-Za-z0-9_]*$/;

type Fail = (column: number, reason: string) => never;

function decodable(text: string): boolean {
  if (!text.includes('%')) return true;
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** Validates raw literal text (a static segment or a suffix) starting at `index`. */
function checkLiteral(template: string, index: number, end: number, fail: Fail): void {
  for (let i = index; i < end; i++) {
    const code = template.charCodeAt(i);
    const char = template[i];
    if (char === '}') fail(i + 1, 'unexpected "}"');
    if (char === '?' || char === '#') fail(i + 1, `"${char}" cannot appear in a path template`);
    if (code <= 32 || code === 127) fail(i + 1, 'whitespace and control characters must be percent-encoded');
  }
  if (!decodable(template.slice(index, end))) fail(index + 1, 'malformed percent-encoding');
}

/** Index of the `}` closing the `{` at `open`, honouring nesting and backslash escapes. */
function closingBrace(template: string, open: number, fail: Fail): number {
  let depth = 0;
  for (let i = open; i < template.length; i++) {
    const char = template[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return i;
  }
  return fail(open + 1, 'unclosed "{"');
}

/** Splits call arguments at top-level commas; `"quoted"` arguments are JSON strings. */
function splitArgs(text: string, column: number, fail: Fail): string[] {
  if (text.trim() === '') return [];
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  const push = (end: number): void => {
    const arg = text.slice(start, end).trim();
    if (arg.startsWith('"')) {
      try {
        const value: unknown = JSON.parse(arg);
        // Local control flow: the catch below reports it as a TemplateError.
        if (typeof value !== 'string') throw new SyntaxError('not a string');
        args.push(value);
      } catch {
        fail(column + start, `malformed quoted argument ${arg}`);
      }
    } else {
      args.push(arg);
    }
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') i++;
    else if (quoted) quoted = char !== '"';
    else if (char === '"') quoted = true;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) {
      push(i);
      start = i + 1;
    }
  }
  push(text.length);
  return args;
}

interface Calls {
  readonly calls: MacroCall[];
  readonly columns: number[];
  readonly elseStatus: number | undefined;
}

/** Reads `fn(args) fn2(args) else NNN` after a macro name; `column` is that of `text[0]`. */
function parseCalls(text: string, column: number, fail: Fail): Calls {
  const calls: MacroCall[] = [];
  const columns: number[] = [];
  let elseStatus: number | undefined;
  let k = 0;
  const skipSpace = (): void => {
    while (k < text.length && /\s/.test(text[k]!)) k++;
  };
  for (skipSpace(); k < text.length; skipSpace()) {
    const name = IDENTIFIER.exec(text.slice(k))?.[0];
    if (name === undefined) fail(column + k, `unexpected "${text[k]}"`);
    if (name === 'else') {
      const at = column + k;
      k += name.length;
      skipSpace();
      const digits = /^[0-9]+/.exec(text.slice(k))?.[0] ?? '';
      const status = Number(digits);
      if (digits === '' || status < 400 || status > 599) fail(at, '"else" needs a status from 400 to 599');
      k += digits.length;
      skipSpace();
      if (k < text.length) fail(column + k, 'nothing may follow "else <status>"');
      elseStatus = status;
      break;
    }
    if (!MACRO_FUNCTIONS.has(name)) fail(column + k, `unknown macro function "${name}"`);
    const open = k + name.length;
    if (text[open] !== '(') fail(column + k, `${name} needs its arguments in parentheses`);
    let depth = 0;
    let close = -1;
    for (let i = open; i < text.length && close === -1; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) close = i;
    }
    if (close === -1) fail(column + open, 'unclosed "("');
    const inner = text.slice(open + 1, close);
    calls.push({ name, args: name === 'regexp' ? [inner] : splitArgs(inner, column + open + 1, fail) });
    columns.push(column + k);
    k = close + 1;
  }
  return { calls, columns, elseStatus };
}

type Shape = Omit<TemplateParam, 'name' | 'prefix' | 'suffix' | 'column' | 'optional'>;

/** A fresh shape per parameter, so no two parsed templates share (and could alter) one object. */
function simpleShape(kind: 'plain' | 'tail'): Shape {
  const span = kind === 'plain' ? 1 : Number.POSITIVE_INFINITY;
  return { kind, functions: [], span, schema: { type: 'string' } };
}

/** Reads what follows `name:`; `column` is that of `spec[0]`. */
function parseSpec(name: string, spec: string | undefined, column: number, fail: Fail): Shape {
  if (spec === undefined) return simpleShape('plain');
  if (spec === '') fail(column, 'missing type after ":"');
  if (spec === '*' || spec === 'path' || spec === '*?' || spec === 'path?') return simpleShape('tail');
  const word = /^[^\s(]*/.exec(spec)?.[0] ?? '';
  if (word === '*' || word === 'path') fail(column + word.length, 'a tail parameter takes no functions');
  const macro = findMacro(word);
  if (macro === undefined) {
    if (BARE_WORD.test(spec) || MACRO_LIKE.test(spec)) {
      fail(
        column,
        `unknown macro "${word}" (did you mean "${nearestMacro(word)}"?); a regular expression ` +
          `that is a plain word is written in a group, as in {${name}:(${word})}`,
      );
    }
    try {
      new RegExp(anchored(spec));
    } catch (error) {
      fail(column, `invalid regular expression: ${(error as Error).message}`);
    }
    const unsafe = unsafeRegex(spec);
    if (unsafe !== null) fail(column, `unsafe regular expression: ${unsafe}`);
    return { kind: 'regex', pattern: spec, functions: [], span: 1, schema: regexSchema(spec) };
  }
  const { calls, columns, elseStatus } = parseCalls(spec.slice(word.length), column + word.length, fail);
  compileChecks(macro, calls, (index, reason) => fail(columns[index]!, reason));
  const shape: Shape = {
    kind: 'macro',
    macro: macro.name,
    functions: calls,
    span: macro.segments,
    schema: macroSchema(macro, calls),
  };
  return elseStatus === undefined ? shape : { ...shape, elseStatus };
}

/** A parameter as read from between its braces, before its place in the segment is known. */
interface Read {
  readonly name: string;
  readonly shape: Shape;
  readonly optional: boolean;
  readonly column: number;
  /** Index just past its `}`. */
  readonly end: number;
}

/**
 * The parameter with its place in the segment. Built key by key in one order rather than by
 * spreading: spread copies gave every parameter a hidden class of its own, and registering a
 * hundred thousand routes spent much of its time on them.
 */
function placed(read: Read, prefix: string, suffix: string): TemplateParam {
  const { shape } = read;
  const param: { -readonly [K in keyof TemplateParam]: TemplateParam[K] } = {
    name: read.name,
    kind: shape.kind,
    functions: shape.functions,
    span: shape.span,
    schema: shape.schema,
    optional: read.optional,
    column: read.column,
    prefix,
    suffix,
  };
  if (shape.macro !== undefined) param.macro = shape.macro;
  if (shape.pattern !== undefined) param.pattern = shape.pattern;
  if (shape.elseStatus !== undefined) param.elseStatus = shape.elseStatus;
  return param;
}

function readParam(template: string, open: number, names: Set<string>, fail: Fail): Read {
  const close = closingBrace(template, open, fail);
  const inner = template.slice(open + 1, close);
  const colon = inner.indexOf(':');
  const written = colon === -1 ? inner : inner.slice(0, colon);
  const optionalName = written.endsWith('?');
  const name = optionalName ? written.slice(0, -1) : written;
  if (name === '') fail(open + 2, 'empty parameter name');
  if (!NAME.test(name) || name === '__proto__') {
    fail(open + 2, `invalid parameter name "${name}" (letters, digits and "_", not starting with a digit)`);
  }
  if (names.has(name)) fail(open + 2, `duplicate parameter name "${name}"`);
  names.add(name);
  const spec = colon === -1 ? undefined : inner.slice(colon + 1);
  const shape = parseSpec(name, spec, open + colon + 3, fail);
  const optionalTail = shape.kind === 'tail' && spec !== undefined && spec.endsWith('?');
  if (optionalName && shape.span !== 1) {
    fail(open + 2, `"{${written}}" spans several segments; an optional tail is written {${name}:*?}`);
  }
  return { name, shape, optional: optionalName || optionalTail, column: open + 1, end: close + 1 };
}

/** Parses the segment starting at `pos` into its parts; returns it and the index of its end. */
function readSegment(
  template: string,
  pos: number,
  names: Set<string>,
  fail: Fail,
): { segment: TemplateSegment; params: TemplateParam[]; end: number } {
  const texts: string[] = [];
  const read: Read[] = [];
  let at = pos;
  for (;;) {
    let stop = at;
    while (stop < template.length && template[stop] !== '/' && template[stop] !== '{') stop++;
    checkLiteral(template, at, stop, fail);
    texts.push(template.slice(at, stop));
    if (template[stop] !== '{') {
      at = stop;
      break;
    }
    const param = readParam(template, stop, names, fail);
    if (read.length > 0 && texts[texts.length - 1] === '') {
      fail(stop + 1, 'two parameters in one segment need literal text between them');
    }
    read.push(param);
    at = param.end;
  }
  const last = at === template.length;
  if (read.length === 0) {
    if (at === pos && !last) fail(pos + 1, 'empty segment ("//")');
    return { segment: { type: 'literal', value: texts[0]! }, params: [], end: at };
  }
  const suffix = texts[texts.length - 1]!;
  const params = read.map((param, i): TemplateParam => {
    const done = placed(param, texts[i]!, i === read.length - 1 ? suffix : '');
    const alone = read.length === 1 && done.prefix === '' && suffix === '';
    if (done.span > 1 && !last)
      fail(done.column, `"{${done.name}}" takes the rest of the path, so it must end the template`);
    if (done.span > 1 && !alone) {
      fail(done.column, `"{${done.name}}" takes the rest of the path, so it fills its segment alone`);
    }
    if (done.optional && !(last && alone)) {
      fail(done.column, `"{${done.name}?}" is optional, so it must fill the last segment alone`);
    }
    if (read.length > 1 && done.elseStatus !== undefined) {
      fail(done.column, `"{${done.name}}" shares its segment, so it cannot choose an "else" status`);
    }
    return done;
  });
  const compound = params.length > 1 || params[0]!.prefix !== '';
  return {
    segment: compound ? { type: 'compound', params } : { type: 'param', param: params[0]! },
    params,
    end: at,
  };
}

/**
 * Parses a route template into its segments and typed parameters. Throws a `TemplateError` with
 * the 1-based column for anything the router could not match reliably.
 */
export function parseTemplate(template: string): ParsedTemplate {
  const fail: Fail = (column, reason) => {
    throw new TemplateError(template, column, reason);
  };
  if (typeof template !== 'string' || template.charCodeAt(0) !== SLASH) fail(1, 'a template starts with "/"');
  const segments: TemplateSegment[] = [];
  const params: TemplateParam[] = [];
  const names = new Set<string>();
  let pos = 1;
  for (;;) {
    const read = readSegment(template, pos, names, fail);
    segments.push(read.segment);
    params.push(...read.params);
    if (read.end === template.length) break;
    pos = read.end + 1;
  }
  return { template, segments, params };
}
