import type { MacroCall } from './macro-functions.js';
import type { Macro } from './macros.js';

/**
 * The JSON Schema (OpenAPI 3.1) of a path parameter as it appears on the wire, derived from its
 * macro and functions, so the OpenAPI layer documents what the router really accepts.
 */
export interface ParamSchema {
  readonly type: 'string' | 'integer' | 'number' | 'boolean';
  readonly format?: string;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly enum?: readonly (string | number | boolean)[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Anchors a parameter pattern the way the router applies it. */
export function anchored(source: string): string {
  return `^(?:${source})$`;
}

function addPattern(schema: Mutable<ParamSchema>, pattern: string): void {
  // JSON Schema has one `pattern`; two anchored ones are joined as lookaheads.
  schema.pattern = schema.pattern === undefined ? pattern : `(?=${schema.pattern})(?=${pattern})`;
}

/** Escapes literal text for a pattern that validators may compile with the `u` flag. */
function literal(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * An `eq`/`eqor` value as the wire carries it: the macro's parsed value when its JSON type is
 * the schema's (`int` → number), else nothing, since a parsed value of another type (a weekday's
 * number, a date) would not describe the text a client sends.
 */
function enumValue(macro: Macro, arg: string): string | number | boolean | undefined {
  const value = macro.parse(arg);
  const type = macro.schema.type;
  if (typeof value === 'string' && type === 'string') return value;
  if (typeof value === 'number' && (type === 'integer' || type === 'number')) return value;
  if (typeof value === 'boolean' && type === 'boolean') return value;
  if (typeof value === 'bigint' && type === 'integer' && Number.isSafeInteger(Number(value))) {
    return Number(value);
  }
  return undefined;
}

function limit(schema: Mutable<ParamSchema>, macro: Macro, arg: string, side: 'min' | 'max'): void {
  const value = Number(arg);
  if (macro.kind === 'string') {
    if (side === 'min') schema.minLength = value;
    else schema.maxLength = value;
  } else if (side === 'min') {
    schema.minimum = value;
  } else {
    schema.maximum = value;
  }
}

/** The schema of a macro parameter once its functions are applied. */
export function macroSchema(macro: Macro, calls: readonly MacroCall[]): ParamSchema {
  const schema: Mutable<ParamSchema> = { ...macro.schema };
  for (const call of calls) {
    const [first = '', second = ''] = call.args;
    switch (call.name) {
      case 'min':
      case 'max':
        limit(schema, macro, first, call.name);
        break;
      case 'range':
        limit(schema, macro, first, 'min');
        limit(schema, macro, second, 'max');
        break;
      case 'regexp':
        addPattern(schema, anchored(first));
        break;
      case 'prefix':
        addPattern(schema, `^${literal(first)}[\\s\\S]*$`);
        break;
      case 'suffix':
        addPattern(schema, `^[\\s\\S]*${literal(first)}$`);
        break;
      case 'contains':
        addPattern(schema, `^[\\s\\S]*${literal(first)}[\\s\\S]*$`);
        break;
      case 'eq':
      case 'eqor': {
        const values = call.args.map((arg) => enumValue(macro, arg));
        if (values.every((value) => value !== undefined)) schema.enum = values;
        break;
      }
    }
  }
  return schema;
}

/** The schema of a `{name:REGEX}` parameter. */
export function regexSchema(source: string): ParamSchema {
  return { type: 'string', pattern: anchored(source) };
}
