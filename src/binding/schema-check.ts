import { FormatRegistry, Kind, type TSchema } from '@sinclair/typebox';
import { collectionFormats, timeFormats } from './schema-options.js';
import { FileKind } from './type-builder.js';

/**
 * Finds what in a TypeBox schema would silently misbehave at request time: a string format
 * nobody registered (TypeBox would fail every value), a binding option with a wrong value or on
 * a type it does not apply to. Returns the first problem as a sentence, or undefined.
 */
export function schemaProblem(schema: TSchema, label: string): string | undefined {
  const kind = schema[Kind];
  if (kind === 'String' && typeof schema.format === 'string' && !FormatRegistry.Has(schema.format)) {
    return `${label} uses string format "${schema.format}", which is not registered (register it with registerFormat from binderyjs)`;
  }
  if (schema.collectionFormat !== undefined) {
    if (kind !== 'Array') return `${label} sets collectionFormat, which applies to arrays only`;
    if (!collectionFormats.includes(schema.collectionFormat)) {
      return `${label} has collectionFormat "${String(schema.collectionFormat)}"; use one of ${collectionFormats.join(', ')}`;
    }
  }
  if (schema.timeFormat !== undefined) {
    if (kind !== 'Date') return `${label} sets timeFormat, which applies to t.Date() only`;
    if (!timeFormats.includes(schema.timeFormat)) {
      return `${label} has timeFormat "${String(schema.timeFormat)}"; use one of ${timeFormats.join(', ')}`;
    }
  }
  if (schema.emptyAsMissing !== undefined && typeof schema.emptyAsMissing !== 'boolean') {
    return `${label} has emptyAsMissing ${JSON.stringify(schema.emptyAsMissing)}; it is true or false`;
  }
  if (kind === FileKind) return undefined;
  for (const [child, childLabel] of children(schema, label)) {
    const problem = schemaProblem(child, childLabel);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function children(schema: TSchema, label: string): [TSchema, string][] {
  const out: [TSchema, string][] = [];
  const add = (value: unknown, childLabel: string) => {
    if (typeof value === 'object' && value !== null && Kind in value)
      out.push([value as TSchema, childLabel]);
  };
  if (typeof schema.properties === 'object' && schema.properties !== null) {
    for (const [key, value] of Object.entries(schema.properties as Record<string, unknown>))
      add(value, `${label}.${key}`);
  }
  if (Array.isArray(schema.items)) {
    for (const [i, item] of (schema.items as unknown[]).entries()) add(item, `${label}[${i}]`);
  } else {
    add(schema.items, `${label}[]`);
  }
  for (const key of ['anyOf', 'allOf'] as const) {
    if (Array.isArray(schema[key])) for (const member of schema[key] as unknown[]) add(member, label);
  }
  add(schema.additionalProperties, `${label}.*`);
  add(schema.not, label);
  return out;
}
