import { OptionalKind } from '@sinclair/typebox';
import { isTypeBoxSchema, type SchemaLike } from '../binding/index.js';
import { defaultBodyLimits, type RouteLimits } from '../http/index.js';
import type { SchemaComponents } from './components.js';
import { isStructuredType } from './media-types.js';
import type { EncodingObject, JsonSchema, MediaTypeObject, RequestBodyObject } from './openapi-types.js';

function isFile(schema: JsonSchema): boolean {
  return schema.type === 'string' && schema.format === 'binary';
}

/** The body's top-level properties that are files, with the media types each accepts. */
function fileParts(
  schema: JsonSchema,
  original: SchemaLike,
  components: SchemaComponents,
): Map<string, readonly string[] | undefined> {
  const files = new Map<string, readonly string[] | undefined>();
  const properties = components.resolve(schema).properties as Record<string, JsonSchema> | undefined;
  const declared = isTypeBoxSchema(original)
    ? (original.properties as Record<string, { mediaTypes?: readonly string[] }> | undefined)
    : undefined;
  for (const [name, property] of Object.entries(properties ?? {})) {
    const target = components.resolve(property);
    const items =
      target.type === 'array' ? components.resolve((target.items as JsonSchema) ?? {}) : undefined;
    if (isFile(target) || (items !== undefined && isFile(items))) {
      files.set(name, declared?.[name]?.mediaTypes);
    }
  }
  return files;
}

/**
 * The limits a client must stay under, as numbers. An unlimited one is left out: Infinity, or
 * the largest safe integer, which routes that apply a limit of their own give the pipeline.
 */
function limitsOf(limits: RouteLimits, multipart: boolean): Record<string, number> {
  const keys: (keyof RouteLimits)[] = multipart
    ? ['bodySize', 'fileSize', 'files', 'fields', 'parts', 'fieldSize']
    : ['bodySize'];
  const out: Record<string, number> = {};
  for (const key of keys) if (limits[key] < Number.MAX_SAFE_INTEGER) out[key] = limits[key];
  return out;
}

/**
 * The request body of a route with a bound body: one entry per media type it consumes (JSON
 * when it names none, multipart when the schema holds files), each with the body schema where
 * the binder reads a record (JSON, forms), file parts as binary with their accepted types, and
 * the size limits a client must respect.
 */
export function requestBody(
  schema: JsonSchema,
  original: SchemaLike,
  consumes: readonly string[] | undefined,
  limits: Partial<RouteLimits>,
  components: SchemaComponents,
): RequestBodyObject {
  const files = fileParts(schema, original, components);
  const types = consumes ?? [files.size > 0 ? 'multipart/form-data' : 'application/json'];
  const content: Record<string, MediaTypeObject> = {};
  const resolved: RouteLimits = { ...defaultBodyLimits, ...limits };
  for (const type of types) {
    if (type === 'multipart/form-data') {
      const encoding: Record<string, EncodingObject> = {};
      for (const [name, accepted] of files) {
        if (accepted !== undefined) encoding[name] = { contentType: accepted.join(', ') };
      }
      content[type] = Object.keys(encoding).length === 0 ? { schema } : { schema, encoding };
    } else if (isStructuredType(type) || type.startsWith('text/')) {
      content[type] = { schema };
    } else {
      content[type] = {};
    }
  }
  const optional = isTypeBoxSchema(original) && original[OptionalKind] === 'Optional';
  return {
    required: !optional,
    content,
    'x-bindery-limits': limitsOf(resolved, types.includes('multipart/form-data')),
  };
}
