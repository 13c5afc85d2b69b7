import { isTypeBoxSchema, type SchemaLike } from '../binding/index.js';
import type { SchemaComponents } from './components.js';
import type { JsonSchema, ParameterObject } from './openapi-types.js';

type Location = 'query' | 'header' | 'cookie';

/** Headers OpenAPI describes elsewhere (media types, security) and tells tools to ignore as parameters. */
const RESERVED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** The array format each source assumes when a schema names none (see docs/binding.md). */
const DEFAULT_FORMAT: Record<Location, string> = { query: 'multi', header: 'csv', cookie: 'multi' };

type Style = Pick<ParameterObject, 'style' | 'explode'>;

/** How a collection format travels, in OpenAPI's words; undefined for the ones it has no style for. */
function arrayStyle(location: Location, format: string): Style | undefined {
  if (location === 'header') return format === 'csv' ? { style: 'simple' } : undefined;
  switch (format) {
    case 'multi':
      return { style: 'form', explode: true };
    case 'csv':
      return { style: 'form', explode: false };
    case 'ssv':
      return location === 'query' ? { style: 'spaceDelimited', explode: false } : undefined;
    case 'pipes':
      return location === 'query' ? { style: 'pipeDelimited', explode: false } : undefined;
    default:
      return undefined;
  }
}

function collectionFormat(original: SchemaLike, name: string, location: Location): string {
  if (!isTypeBoxSchema(original)) return DEFAULT_FORMAT[location];
  const property = (original.properties as Record<string, { collectionFormat?: string }> | undefined)?.[name];
  return property?.collectionFormat ?? original.collectionFormat ?? DEFAULT_FORMAT[location];
}

/**
 * One parameter per property of a query, header or cookie schema, with its requiredness,
 * default and description, and the `style`/`explode` its collection format means on the wire.
 * A schema that is no object with properties (a record of any keys) is one free-form parameter.
 */
export function sourceParameters(
  location: Location,
  converted: JsonSchema,
  original: SchemaLike,
  components: SchemaComponents,
): ParameterObject[] {
  const schema = components.resolve(converted);
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties === undefined) {
    return [{ name: location, in: location, style: 'form', explode: true, schema: converted }];
  }
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const parameters: ParameterObject[] = [];
  for (const [name, property] of Object.entries(properties)) {
    if (location === 'header' && RESERVED_HEADERS.has(name.toLowerCase())) continue;
    const parameter: ParameterObject = { name, in: location, schema: property };
    const target = components.resolve(property);
    // A default fills a missing value, so the client need not send it.
    if (required.has(name) && target.default === undefined) parameter.required = true;
    if (typeof target.description === 'string') parameter.description = target.description;
    if (target.deprecated === true) parameter.deprecated = true;
    if (target.type === 'array') {
      const format = collectionFormat(original, name, location);
      const style = arrayStyle(location, format);
      if (style !== undefined) Object.assign(parameter, style);
      if (format !== DEFAULT_FORMAT[location]) parameter['x-bindery-collection-format'] = format;
    } else if (target.type === 'object' && location === 'query') {
      // Bindery reads `filter[status]=open` into `{ filter: { status: 'open' } }`.
      Object.assign(parameter, { style: 'deepObject', explode: true });
    }
    parameters.push(parameter);
  }
  return parameters;
}
