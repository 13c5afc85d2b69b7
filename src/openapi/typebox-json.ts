import { Kind, type TSchema } from '@sinclair/typebox';
import { FileKind } from '../binding/index.js';
import { componentName, type SchemaComponents, type SchemaUse } from './components.js';
import type { JsonSchema } from './openapi-types.js';

/** Keywords Bindery reads from TypeBox schemas for binding; they mean nothing to a client. */
const BINDING_KEYWORDS = new Set(['collectionFormat', 'emptyAsMissing', 'timeFormat']);
/** Keywords whose values are data, copied as JSON rather than read as schemas. */
const DATA_KEYWORDS = new Set(['default', 'const', 'enum', 'examples', 'example']);
/** TypeBox kinds that describe JavaScript values no JSON document can carry. */
const UNREPRESENTABLE = new Set([
  'Function',
  'Constructor',
  'Symbol',
  'Promise',
  'AsyncIterator',
  'Iterator',
]);

/** Raised inside the walk; the converter reports it against the route and source. */
export class UnrepresentableSchema extends Error {}

function json(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function describe(base: JsonSchema, node: Record<string, unknown>): JsonSchema {
  for (const key of ['title', 'description', 'deprecated', 'readOnly', 'writeOnly']) {
    if (node[key] !== undefined) base[key] = node[key];
  }
  return base;
}

/**
 * The wire form of TypeBox kinds that are not JSON Schema on their own: dates as Bindery binds
 * them (ISO text, or epoch numbers with `timeFormat`), byte arrays and files as binary strings,
 * bigints as int64 integers.
 */
function special(kind: string, node: Record<string, unknown>): JsonSchema | undefined {
  switch (kind) {
    case 'Date':
      return describe(
        node.timeFormat === 'unix' || node.timeFormat === 'unixmilli'
          ? { type: 'integer' }
          : { type: 'string', format: 'date-time' },
        node,
      );
    case 'Uint8Array':
      return describe({ type: 'string', format: 'binary' }, node);
    case 'BigInt':
      return describe({ type: 'integer', format: 'int64' }, node);
    case 'RegExp':
      return describe({ type: 'string', pattern: String(node.source) }, node);
    case FileKind: {
      const file: JsonSchema = describe({ type: 'string', format: 'binary' }, node);
      const types = node.mediaTypes as readonly string[] | undefined;
      if (types?.length === 1 && !types[0]!.includes('*')) file.contentMediaType = types[0];
      if (typeof node.maxSize === 'number') file['x-bindery-max-size'] = node.maxSize;
      return file;
    }
    default:
      if (UNREPRESENTABLE.has(kind) || kind === 'Undefined' || kind === 'Void') {
        throw new UnrepresentableSchema(`a TypeBox ${kind} has no JSON form`);
      }
      return undefined;
  }
}

interface Walk {
  readonly components: SchemaComponents;
  readonly where: string;
  readonly use: SchemaUse;
}

function walk(node: unknown, at: Walk): unknown {
  if (Array.isArray(node)) return node.map((item) => walk(item, at));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string | symbol, unknown>;
  const kind = record[Kind];
  const id = record.$id;
  const named = typeof id === 'string' && typeof kind === 'string';
  if (named && at.components.has(record, at.use)) return at.components.ref(componentName(id), at.use);
  let schema: JsonSchema | undefined = typeof kind === 'string' ? special(kind, record) : undefined;
  if (schema === undefined) {
    const ref = record.$ref;
    // A reference to another schema's $id is kept as the object the components may retarget.
    schema =
      typeof ref === 'string' && !ref.startsWith('#') ? at.components.ref(componentName(ref), at.use) : {};
    for (const key of Object.keys(record)) {
      if (BINDING_KEYWORDS.has(key) || key === '$id' || (key === '$ref' && schema.$ref !== undefined))
        continue;
      const value = record[key];
      schema[key] = DATA_KEYWORDS.has(key) ? json(value) : walk(value, at);
    }
  }
  if (!named) return schema;
  const name = componentName(id);
  at.components.add(name, schema, at.where, at.use, record);
  return at.components.ref(name, at.use);
}

/**
 * A TypeBox schema as JSON Schema 2020-12: TypeBox's own markers dropped, Bindery's binding
 * options dropped, schemas with an `$id` moved to named components and referenced.
 */
export function typeBoxToJsonSchema(
  schema: TSchema,
  components: SchemaComponents,
  where: string,
  use: SchemaUse,
): JsonSchema {
  return walk(schema, { components, where, use }) as JsonSchema;
}
