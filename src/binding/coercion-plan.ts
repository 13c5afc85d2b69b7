import { Kind, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { UploadedFile } from '../http/readers/index.js';
import { buildObjectStep, type ObjectField, type Step } from './object-step.js';
import type { PathSegment, Problems } from './problems.js';
import {
  dateExpectation,
  invalid,
  type Parsed,
  parseBigInt,
  parseBoolean,
  parseDate,
  parseInteger,
  parseNumber,
} from './scalars.js';
import { type CollectionFormat, splitCollection, type TimeFormat } from './schema-options.js';
import { FileKind } from './type-builder.js';

/**
 * `string`: values come from the wire as text (path, query, headers, cookies, form bodies) and
 * are converted by the schema. `json`: values are already typed; only what JSON cannot carry
 * (dates, bigints) is converted, and defaults and the unknown-property policy are applied.
 */
export type CoercionMode = 'string' | 'json';

/** What to do with properties a schema does not name. */
export type UnknownPolicy = 'reject' | 'strip' | 'keep';

export type { Step } from './object-step.js';

export interface PlanOptions {
  readonly mode: CoercionMode;
  readonly policy: UnknownPolicy;
  /** Format of arrays that do not name one. */
  readonly collectionFormat: CollectionFormat;
}

/**
 * Where the value being converted sits. Coercion is synchronous and never re-entered, so one
 * shared stack serves every request; a source's plan empties it before it starts.
 */
const path: PathSegment[] = [];

/**
 * Builds the plan that turns one source's raw record into its bound object. `lookup` maps a
 * declared property to the key it is read under (headers are read lower-case).
 */
export function compileSourcePlan(
  schema: TSchema,
  options: Omit<PlanOptions, 'mode'>,
  lookup?: (key: string) => string,
): Step {
  // In string mode every object gets a step: its values always need reading from text.
  const step = objectStep(schema, { ...options, mode: 'string' }, lookup)!;
  return (value, problems) => {
    // Writing `length` costs a runtime call; the stack is only non-empty after a thrown step.
    if (path.length !== 0) path.length = 0;
    return step(value, problems);
  };
}

/** The plan for a body value, or undefined when the value can be used as it is. */
export function compileValuePlan(schema: TSchema, options: PlanOptions): Step | undefined {
  const step = compile(schema, options);
  if (step === undefined) return undefined;
  return (value, problems) => {
    // Writing `length` costs a runtime call; the stack is only non-empty after a thrown step.
    if (path.length !== 0) path.length = 0;
    return step(value, problems);
  };
}

function compile(schema: TSchema, o: PlanOptions): Step | undefined {
  const text = o.mode === 'string';
  switch (schema[Kind]) {
    case 'Object':
      return objectStep(schema, o, undefined);
    case 'Array':
      return arrayStep(schema, o);
    case 'Union':
      return unionStep(schema, o);
    case 'Literal':
      return text ? enumStep([schema.const]) : undefined;
    case 'String':
    case FileKind:
      return text ? unwrap : undefined;
    case 'Integer':
      return text ? scalarStep(parseInteger, 'must be an integer') : jsonInteger;
    case 'Number':
      return text ? scalarStep(parseNumber, 'must be a number') : undefined;
    case 'Boolean':
      return text ? scalarStep(parseBoolean, 'must be true or false') : undefined;
    case 'Null':
      return text ? scalarStep((value) => (value === 'null' ? null : invalid), 'must be null') : undefined;
    case 'BigInt':
      return text ? scalarStep(parseBigInt, 'must be an integer') : jsonBigInt;
    case 'Date':
      return dateStep((schema.timeFormat as TimeFormat | undefined) ?? 'iso8601', text);
    default:
      return undefined;
  }
}

/** Text sources repeat a key to send several values; a single-valued schema takes exactly one. */
function unwrap(value: unknown, problems: Problems): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length === 1) return value[0];
  return problems.coercionFailed(path, 'must be given once', 'multiple', value);
}

function scalarStep(parse: (text: string) => Parsed<unknown>, message: string): Step {
  return (value, problems) => {
    if (Array.isArray(value) && value.length !== 1) return unwrap(value, problems);
    const one = Array.isArray(value) ? value[0] : value;
    if (typeof one !== 'string') return one;
    const parsed = parse(one);
    return parsed === invalid ? problems.coercionFailed(path, message, 'type', one) : parsed;
  };
}

function enumStep(values: readonly unknown[]): Step {
  const byText = new Map(values.map((value) => [String(value), value]));
  const message =
    values.length === 1
      ? `must be ${JSON.stringify(values[0])}`
      : `must be one of: ${values.map(String).join(', ')}`;
  return (value, problems) => {
    if (Array.isArray(value) && value.length !== 1) return unwrap(value, problems);
    const one = Array.isArray(value) ? value[0] : value;
    if (typeof one !== 'string') return one;
    return byText.has(one) ? byText.get(one) : problems.coercionFailed(path, message, 'enum', one);
  };
}

function dateStep(format: TimeFormat, text: boolean): Step {
  const message = dateExpectation(format);
  return (value, problems) => {
    if (text && Array.isArray(value) && value.length !== 1) return unwrap(value, problems);
    const one = text && Array.isArray(value) ? value[0] : value;
    if (typeof one !== 'string' && typeof one !== 'number') return one;
    const parsed = parseDate(one, format);
    return parsed === invalid ? problems.coercionFailed(path, message, 'type', one) : parsed;
  };
}

/**
 * JSON numbers are doubles: past 2^53 - 1 an integer is rounded as it is parsed
 * (`9007199254740993` arrives as `…992`), so an integer field refuses what it cannot hold exactly
 * rather than keep a value the client never sent.
 */
const INEXACT = 'is too large to be held exactly (beyond ±9007199254740991)';

function jsonInteger(value: unknown, problems: Problems): unknown {
  if (typeof value !== 'number' || Number.isSafeInteger(value) || !Number.isInteger(value)) return value;
  return problems.coercionFailed(path, INEXACT, 'range', value);
}

function jsonBigInt(value: unknown, problems: Problems): unknown {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return BigInt(value);
    return Number.isInteger(value)
      ? problems.coercionFailed(path, `${INEXACT}; send it as a string`, 'range', value)
      : problems.coercionFailed(path, 'must be an integer', 'type', value);
  }
  if (typeof value !== 'string') return value;
  const parsed = parseBigInt(value);
  return parsed === invalid ? problems.coercionFailed(path, 'must be an integer', 'type', value) : parsed;
}

function arrayStep(schema: TSchema, o: PlanOptions): Step | undefined {
  const item = compile(schema.items as TSchema, o);
  if (o.mode === 'json') {
    if (item === undefined) return undefined;
    return (value, problems) => (Array.isArray(value) ? mapItems(value, item, problems) : value);
  }
  const format = (schema.collectionFormat as CollectionFormat | undefined) ?? o.collectionFormat;
  return (value, problems) => {
    let list: unknown[];
    if (typeof value === 'string') list = format === 'multi' ? [value] : splitCollection(value, format);
    else if (value instanceof UploadedFile) list = [value];
    else if (!Array.isArray(value)) return value;
    else if (format === 'multi') list = value;
    else list = value.flatMap((one) => (typeof one === 'string' ? splitCollection(one, format) : [one]));
    return item === undefined ? list : mapItems(list, item, problems);
  };
}

function mapItems(list: readonly unknown[], item: Step, problems: Problems): unknown[] {
  const out = new Array<unknown>(list.length);
  for (let i = 0; i < list.length; i++) {
    path.push(i);
    out[i] = item(list[i], problems);
    path.pop();
  }
  return out;
}

function unionStep(schema: TSchema, o: PlanOptions): Step | undefined {
  const members = schema.anyOf as TSchema[];
  if (o.mode === 'string' && members.every((member) => member[Kind] === 'Literal')) {
    return enumStep(members.map((member) => member.const));
  }
  const tries = members.map((member) => ({ step: compile(member, o), check: TypeCompiler.Compile(member) }));
  if (tries.every((entry) => entry.step === undefined)) return undefined;
  // Members are tried in declaration order; the first whose conversion validates wins.
  return (value, problems) => {
    problems.silent++;
    try {
      for (const entry of tries) {
        const converted = entry.step === undefined ? value : entry.step(value, problems);
        if (entry.check.Check(converted)) return converted;
      }
    } finally {
      problems.silent--;
    }
    return value;
  };
}

function objectStep(
  schema: TSchema,
  o: PlanOptions,
  lookup: ((key: string) => string) | undefined,
): Step | undefined {
  const properties = (schema.properties ?? {}) as Record<string, TSchema>;
  const emptyForAll = schema.emptyAsMissing === true;
  const fields: ObjectField[] = Object.entries(properties).map(([key, property]) => ({
    key,
    from: lookup === undefined ? key : lookup(key),
    step: compile(property, o),
    hasDefault: property.default !== undefined,
    fallback: property.default,
    emptyAsMissing: (property.emptyAsMissing as boolean | undefined) ?? emptyForAll,
  }));
  const additional = schema.additionalProperties as boolean | TSchema | undefined;
  // A schema that says what unknown properties are wins over the policy.
  const keepUnknown = additional !== undefined || o.policy !== 'strip';
  const extraStep = typeof additional === 'object' ? compile(additional, o) : undefined;
  const bare = fields.some((field) => field.key in Object.prototype);
  if (o.mode === 'json' && keepUnknown && extraStep === undefined && !bare) {
    if (fields.every((field) => field.step === undefined && !field.hasDefault)) return undefined;
  }
  return buildObjectStep({ fields, keepUnknown, extraStep, bare }, path);
}
