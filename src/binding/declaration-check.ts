import { Kind, type TSchema } from '@sinclair/typebox';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { bodilessMethod } from '../http/methods.js';
import { type BodyLimits, resolveBodyLimits } from '../http/readers/index.js';
import { type BinderOptions, defaultUnknownPolicies, type PolicySource } from './binder-options.js';
import type { BindSourceName } from './bound-input.js';
import type { UnknownPolicy } from './coercion-plan.js';
import { BindingDeclarationError } from './declaration-error.js';
import { schemaProblem } from './schema-check.js';
import { isStandardSchema, isTypeBoxSchema, type SchemaLike } from './schema-like.js';

/** A declaration that passed every check, with the options it compiles with. */
export interface CheckedDeclaration {
  readonly schemas: Partial<Record<BindSourceName, SchemaLike>>;
  readonly policy: Record<PolicySource, UnknownPolicy>;
  readonly limits: BodyLimits;
}

export const sources: readonly BindSourceName[] = ['path', 'query', 'headers', 'cookies', 'body'];
const policies: readonly UnknownPolicy[] = ['reject', 'strip', 'keep'];

/**
 * Finds the mistakes a declaration can carry before any request does: unknown sources, values
 * that are not schemas, path names the template lacks, a body on a bodiless method, bad options.
 * Throws a BindingDeclarationError naming the route.
 */
export function checkDeclaration(declaration: unknown, options: BinderOptions): CheckedDeclaration {
  const fail = (problem: string): never => {
    throw new BindingDeclarationError(options.route, problem);
  };
  if (typeof declaration !== 'object' || declaration === null)
    fail('the binding declaration must be an object');
  const declared = declaration as Record<string, unknown>;
  for (const key of Object.keys(declared)) {
    if (!sources.includes(key as BindSourceName)) {
      fail(`"${key}" is not a request source; declare path, query, headers, cookies or body`);
    }
  }
  const schemas: Partial<Record<BindSourceName, SchemaLike>> = {};
  for (const source of sources) {
    const schema = declared[source];
    if (schema === undefined) continue;
    if (isTypeBoxSchema(schema)) {
      if (source !== 'body' && schema[Kind] !== 'Object') {
        fail(
          `the ${source} schema must be t.Object({...}) naming each ${source === 'headers' ? 'header' : 'value'}`,
        );
      }
      const problem = schemaProblem(schema, `the ${source} schema`);
      if (problem !== undefined) fail(problem);
    } else if (!isStandardSchema(schema)) {
      fail(
        `the ${source} declaration is not a schema: use t.* (TypeBox) or a Standard Schema (zod, valibot, arktype)`,
      );
    }
    schemas[source] = schema as SchemaLike;
  }
  if (schemas.path !== undefined) {
    for (const name of propertyNames(schemas.path)) {
      if (!options.pathParams.includes(name)) {
        const known =
          options.pathParams.length === 0 ? 'it has none' : `it has ${options.pathParams.join(', ')}`;
        fail(`the path schema names "${name}", which is not a parameter of the template (${known})`);
      }
    }
  }
  if (schemas.headers !== undefined) {
    const seen = new Map<string, string>();
    for (const name of propertyNames(schemas.headers)) {
      const other = seen.get(name.toLowerCase());
      if (other !== undefined)
        fail(`the headers schema names "${other}" and "${name}", which are the same header`);
      seen.set(name.toLowerCase(), name);
    }
  }
  const method = options.method.toUpperCase();
  if (schemas.body !== undefined && bodilessMethod(method) && options.allowBodyOn !== true) {
    fail(
      `${method} requests usually have no body; pass { allowBody: true } to .bind() to declare one anyway`,
    );
  }
  const policy = { ...defaultUnknownPolicies };
  for (const [source, value] of Object.entries(options.unknown ?? {})) {
    if (!(source in defaultUnknownPolicies)) {
      fail(`unknown-property policy for "${source}": policies apply to query, headers, cookies and body`);
    }
    if (!policies.includes(value)) {
      fail(`unknown-property policy "${String(value)}" for ${source}: use reject, strip or keep`);
    }
    policy[source as PolicySource] = value;
  }
  try {
    return { schemas, policy, limits: resolveBodyLimits(options.limits) };
  } catch (error) {
    return fail((error as Error).message);
  }
}

/**
 * The property names an object schema declares. A Standard Schema is opaque, but one that can
 * describe itself as JSON Schema (zod does) is checked as well; one that cannot names nothing.
 */
function propertyNames(schema: SchemaLike): string[] {
  if (isTypeBoxSchema(schema)) return Object.keys(schema.properties as Record<string, TSchema>);
  const converter = (schema as StandardSchemaV1 & { '~standard': { jsonSchema?: JsonSchemaConverter } })[
    '~standard'
  ].jsonSchema;
  if (converter === undefined) return [];
  try {
    const properties = converter.input({ target: 'draft-2020-12' }).properties;
    return typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
  } catch {
    return [];
  }
}

interface JsonSchemaConverter {
  input(options: { target: string }): Record<string, unknown>;
}
