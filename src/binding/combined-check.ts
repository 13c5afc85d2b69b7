import { type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

/** The bound sources a request's one check sees, by name; undefined for an undeclared one. */
export interface BoundParts {
  path: unknown;
  query: unknown;
  headers: unknown;
  cookies: unknown;
  body: unknown;
}

/** Whether every declared source is valid, in one compiled check. */
export type CheckAll = (parts: BoundParts) => boolean;

/**
 * One compiled check over every declared source, for a declaration whose sources are all
 * TypeBox schemas: a valid request (the common case) is checked once instead of once per source.
 * It only answers "all valid"; on false the binder runs each source's own validator, which
 * reports the problems against their source as before. The body keeps its own optionality: an
 * optional body may be absent, a required one fails here and is reported by its validator.
 * Undefined when some source is not TypeBox or the schemas cannot be compiled together.
 */
export function compileCheckAll(
  schemas: Partial<Record<keyof BoundParts, TSchema | undefined>>,
  declared: readonly (keyof BoundParts)[],
): CheckAll | undefined {
  const properties: Record<string, TSchema> = {};
  for (const name of declared) {
    const schema = schemas[name];
    if (schema === undefined) return undefined;
    properties[name] = schema;
  }
  if (declared.length < 2) return undefined;
  try {
    const check = TypeCompiler.Compile(Type.Object(properties));
    return (parts) => check.Check(parts);
  } catch {
    return undefined;
  }
}
