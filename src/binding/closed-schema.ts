import { Kind, type TSchema } from '@sinclair/typebox';

/**
 * A copy of a schema in which every object that does not say what to do with unknown properties
 * refuses them (`additionalProperties: false`), which is how the `reject` policy reaches the
 * validator. Objects inside an intersection are left alone: closing them one by one would
 * make each member refuse the others' properties.
 */
export function closeObjects(schema: TSchema): TSchema {
  switch (schema[Kind]) {
    case 'Object': {
      const copy = shallowCopy(schema);
      if (copy.additionalProperties === undefined) copy.additionalProperties = false;
      const properties: Record<string, TSchema> = {};
      for (const [key, value] of Object.entries(schema.properties as Record<string, TSchema>)) {
        properties[key] = closeObjects(value);
      }
      copy.properties = properties;
      return copy;
    }
    case 'Array': {
      const copy = shallowCopy(schema);
      copy.items = closeObjects(schema.items as TSchema);
      return copy;
    }
    case 'Union': {
      const copy = shallowCopy(schema);
      copy.anyOf = (schema.anyOf as TSchema[]).map(closeObjects);
      return copy;
    }
    default:
      return schema;
  }
}

/** Spread copies own symbol keys too, which is where TypeBox keeps a schema's kind and modifiers. */
function shallowCopy(schema: TSchema): TSchema {
  return { ...schema };
}
