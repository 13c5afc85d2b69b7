import { Kind, type TSchema } from '@sinclair/typebox';
import { isTypeBoxSchema, type SchemaLike } from './schema-like.js';
import { FileKind } from './type-builder.js';

const JSON_TYPES: readonly string[] = ['application/json', 'application/*+json'];
const MULTIPART: readonly string[] = ['multipart/form-data'];

function isFileSchema(schema: TSchema | undefined): boolean {
  if (schema === undefined) return false;
  if (schema[Kind] === FileKind) return true;
  return schema[Kind] === 'Array' && (schema.items as TSchema | undefined)?.[Kind] === FileKind;
}

/**
 * The media types a bound body accepts when neither its route nor its service lists any: JSON,
 * or multipart when the schema holds files. Forms are never accepted unasked: a browser posts
 * a urlencoded or multipart form to any site without a CORS preflight, so a route authenticated
 * by a cookie that read forms by default could be driven from another site's page.
 */
export function defaultBodyMediaTypes(schema: SchemaLike): readonly string[] {
  if (!isTypeBoxSchema(schema)) return JSON_TYPES;
  const properties = (schema as TSchema).properties as Record<string, TSchema> | undefined;
  if (properties === undefined) return JSON_TYPES;
  return Object.values(properties).some(isFileSchema) ? MULTIPART : JSON_TYPES;
}
