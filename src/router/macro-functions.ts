import { withCode } from '../http/startup-error.js';
import type { Macro, MacroValueKind } from './macros.js';
import { unsafeRegex } from './regex-safety.js';

/** One function call written after a macro name, e.g. `min(1)` or `eqor(a,b)`. */
export interface MacroCall {
  readonly name: string;
  readonly args: readonly string[];
}

/** Decides whether a parsed parameter passes every function written after its macro. */
export type ParamCheck = (value: unknown, text: string) => boolean;

/** Reports a misuse of call number `call` (0-based); never returns. */
export type CallFailure = (call: number, reason: string) => never;

type Factory = (macro: Macro, args: readonly string[], fail: (reason: string) => never) => ParamCheck;

function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) count--;
  }
  return count;
}

function arity(args: readonly string[], count: number, name: string, fail: (reason: string) => never): void {
  if (args.length !== count) {
    fail(`${name}() takes ${count} argument${count === 1 ? '' : 's'}, got ${args.length}`);
  }
}

/** A bound for `min`/`max`/`range`, as a value compared against the parsed parameter. */
type Bound = (macro: Macro, arg: string, fail: (reason: string) => never) => number | bigint;

const bound: Bound = (macro, arg, fail) => {
  if (macro.kind === 'string') {
    const length = Number(arg);
    if (arg.trim() === '' || !Number.isInteger(length) || length < 0) {
      fail(`"${arg}" is not a length (a non-negative integer)`);
    }
    return length;
  }
  if (macro.kind === 'number') {
    const value = Number(arg);
    if (arg.trim() === '' || !Number.isFinite(value)) fail(`"${arg}" is not a number`);
    return value;
  }
  if (macro.kind === 'bigint') {
    if (!/^-?[0-9]+$/.test(arg)) fail(`"${arg}" is not an integer`);
    return BigInt(arg);
  }
  return fail(`min, max and range need a string or numeric macro, and "${macro.name}" is neither`);
};

function measure(macro: Macro, value: unknown, text: string): number | bigint {
  if (macro.kind === 'string') return codePoints(text);
  return value as number | bigint;
}

function atLeast(macro: Macro, limit: number | bigint): ParamCheck {
  return (value, text) => measure(macro, value, text) >= limit;
}

function atMost(macro: Macro, limit: number | bigint): ParamCheck {
  return (value, text) => measure(macro, value, text) <= limit;
}

/** An expected value for `eq`/`eqor`, read with the macro's own parser so `eq(07)` equals 7. */
function expected(macro: Macro, arg: string, fail: (reason: string) => never): unknown {
  const value = macro.parse(arg);
  if (value === undefined) fail(`"${arg}" is not a valid ${macro.name}`);
  return value instanceof Date ? value.getTime() : value;
}

function comparable(value: unknown): unknown {
  return value instanceof Date ? value.getTime() : value;
}

const FACTORIES = new Map<string, Factory>(
  Object.entries({
    min(macro, args, fail) {
      arity(args, 1, 'min', fail);
      return atLeast(macro, bound(macro, args[0]!, fail));
    },
    max(macro, args, fail) {
      arity(args, 1, 'max', fail);
      return atMost(macro, bound(macro, args[0]!, fail));
    },
    range(macro, args, fail) {
      arity(args, 2, 'range', fail);
      const low = bound(macro, args[0]!, fail);
      const high = bound(macro, args[1]!, fail);
      if (low > high) fail(`range(${args[0]},${args[1]}) is empty`);
      const below = atLeast(macro, low);
      const above = atMost(macro, high);
      return (value, text) => below(value, text) && above(value, text);
    },
    regexp(_macro, args, fail) {
      arity(args, 1, 'regexp', fail);
      let pattern: RegExp;
      try {
        // Anchored like every parameter pattern: a partial match never passes.
        pattern = new RegExp(`^(?:${args[0]})$`);
      } catch (error) {
        return fail(`invalid regular expression: ${(error as Error).message}`);
      }
      const unsafe = unsafeRegex(args[0]!);
      if (unsafe !== null) fail(`unsafe regular expression: ${unsafe}`);
      return (_value, text) => pattern.test(text);
    },
    prefix(_macro, args, fail) {
      arity(args, 1, 'prefix', fail);
      const start = args[0]!;
      return (_value, text) => text.startsWith(start);
    },
    suffix(_macro, args, fail) {
      arity(args, 1, 'suffix', fail);
      const end = args[0]!;
      return (_value, text) => text.endsWith(end);
    },
    contains(_macro, args, fail) {
      arity(args, 1, 'contains', fail);
      const part = args[0]!;
      return (_value, text) => text.includes(part);
    },
    eq(macro, args, fail) {
      arity(args, 1, 'eq', fail);
      const wanted = expected(macro, args[0]!, fail);
      return (value) => comparable(value) === wanted;
    },
    eqor(macro, args, fail) {
      if (args.length === 0) fail('eqor() needs at least one argument');
      const wanted = new Set(args.map((arg) => expected(macro, arg, fail)));
      return (value) => wanted.has(comparable(value));
    },
  } satisfies Record<string, Factory>),
);

/** What a macro function sees of the macro it follows. */
export interface MacroInfo {
  readonly name: string;
  readonly kind: MacroValueKind;
}

/**
 * A user-registered macro function: given the arguments as written (`"quoted"` ones unquoted) and
 * the macro it follows, returns the check a parsed value must pass. It runs once per template, at
 * `add`; throwing there refuses the template with the error's message.
 */
export type MacroFunction = (
  args: readonly string[],
  macro: MacroInfo,
) => (value: unknown, text: string) => boolean;

/** The functions that exist, so the parser can reject unknown names before looking at arguments. */
export const MACRO_FUNCTIONS = new Set(FACTORIES.keys());

/**
 * Registers a macro function for every router. Like macro names, function names are global and
 * cannot be registered twice, so a template means the same thing wherever it is parsed.
 */
export function registerMacroFunction(name: string, create: MacroFunction): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name === 'else') {
    throw withCode(
      new TypeError(`macro function name "${name}" must be an identifier other than "else"`),
      'BND_ERR_MACRO_DEFINITION',
    );
  }
  if (FACTORIES.has(name))
    throw withCode(new TypeError(`macro function "${name}" is already defined`), 'BND_ERR_MACRO_DEFINITION');
  if (typeof create !== 'function')
    throw withCode(
      new TypeError(`macro function "${name}" needs a factory function`),
      'BND_ERR_MACRO_DEFINITION',
    );
  FACTORIES.set(name, (macro, args, fail) => {
    let check: unknown;
    try {
      check = create(args, { name: macro.name, kind: macro.kind });
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error));
    }
    if (typeof check !== 'function') return fail(`${name}() did not return a check function`);
    return check as ParamCheck;
  });
  MACRO_FUNCTIONS.add(name);
}

/**
 * Builds one check from the calls written after a macro, or null when there are none. Argument
 * errors are reported through `fail` so the parser can point at the offending call.
 */
export function compileChecks(
  macro: Macro,
  calls: readonly MacroCall[],
  fail: CallFailure,
): ParamCheck | null {
  const checks = calls.map((call, index) => {
    const factory = FACTORIES.get(call.name);
    if (factory === undefined) return fail(index, `unknown macro function "${call.name}"`);
    return factory(macro, call.args, (reason) => fail(index, reason));
  });
  if (checks.length === 0) return null;
  if (checks.length === 1) return checks[0]!;
  return (value, text) => {
    for (const check of checks) if (!check(value, text)) return false;
    return true;
  };
}
