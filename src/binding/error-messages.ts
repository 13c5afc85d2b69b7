import { Kind, type TSchema } from '@sinclair/typebox';
import { ValueErrorType as E, type ValueError } from '@sinclair/typebox/errors';
import { UploadedFile } from '../http/readers/index.js';
import { FileKind, fileTypeAccepted } from './type-builder.js';

/** A validation failure as a client reads it: a short code and a sentence about the value. */
export interface Explained {
  readonly code: string;
  readonly message: string;
}

const typeNames: Partial<Record<E, string>> = {
  [E.String]: 'must be a string',
  [E.Number]: 'must be a number',
  [E.Integer]: 'must be an integer',
  [E.BigInt]: 'must be an integer',
  [E.Boolean]: 'must be true or false',
  [E.Date]: 'must be a date',
  [E.Array]: 'must be a list',
  [E.Object]: 'must be an object',
  [E.Null]: 'must be null',
  [E.Uint8Array]: 'must be binary data',
  [E.Tuple]: 'must be a list',
  [E.Never]: 'is not allowed',
};

function bound(schema: TSchema, key: string): string {
  return String(schema[key]);
}

/** `3 characters`, `1 character`. */
function count(schema: TSchema, key: string, noun: string, nouns = `${noun}s`): string {
  const n = schema[key] as number;
  return `${n} ${n === 1 ? noun : nouns}`;
}

function timestamp(schema: TSchema, key: string): string {
  return new Date(schema[key] as number).toISOString();
}

/** Bindery's wording for a TypeBox error; TypeBox's own message for the rare kinds not listed. */
export function explain(error: ValueError): Explained {
  const s = error.schema;
  switch (error.type) {
    case E.ObjectRequiredProperty:
      return { code: 'required', message: 'is required' };
    case E.ObjectAdditionalProperties:
      return { code: 'unknown', message: 'is not allowed' };
    case E.NumberMinimum:
    case E.IntegerMinimum:
    case E.BigIntMinimum:
      return { code: 'minimum', message: `must be at least ${bound(s, 'minimum')}` };
    case E.NumberMaximum:
    case E.IntegerMaximum:
    case E.BigIntMaximum:
      return { code: 'maximum', message: `must be at most ${bound(s, 'maximum')}` };
    case E.NumberExclusiveMinimum:
    case E.IntegerExclusiveMinimum:
    case E.BigIntExclusiveMinimum:
      return { code: 'exclusiveMinimum', message: `must be greater than ${bound(s, 'exclusiveMinimum')}` };
    case E.NumberExclusiveMaximum:
    case E.IntegerExclusiveMaximum:
    case E.BigIntExclusiveMaximum:
      return { code: 'exclusiveMaximum', message: `must be less than ${bound(s, 'exclusiveMaximum')}` };
    case E.NumberMultipleOf:
    case E.IntegerMultipleOf:
    case E.BigIntMultipleOf:
      return { code: 'multipleOf', message: `must be a multiple of ${bound(s, 'multipleOf')}` };
    case E.StringMinLength:
      return { code: 'minLength', message: `must be at least ${count(s, 'minLength', 'character')} long` };
    case E.StringMaxLength:
      return { code: 'maxLength', message: `must be at most ${count(s, 'maxLength', 'character')} long` };
    case E.StringPattern:
      return { code: 'pattern', message: `must match the pattern ${bound(s, 'pattern')}` };
    case E.StringFormat:
      return { code: 'format', message: `must be a valid ${bound(s, 'format')}` };
    case E.ArrayMinItems:
      return { code: 'minItems', message: `must have at least ${count(s, 'minItems', 'item')}` };
    case E.ArrayMaxItems:
      return { code: 'maxItems', message: `must have at most ${count(s, 'maxItems', 'item')}` };
    case E.ArrayUniqueItems:
      return { code: 'uniqueItems', message: 'must not repeat items' };
    case E.ObjectMinProperties:
      return {
        code: 'minProperties',
        message: `must have at least ${count(s, 'minProperties', 'property', 'properties')}`,
      };
    case E.ObjectMaxProperties:
      return {
        code: 'maxProperties',
        message: `must have at most ${count(s, 'maxProperties', 'property', 'properties')}`,
      };
    case E.DateMinimumTimestamp:
      return { code: 'minimum', message: `must not be before ${timestamp(s, 'minimumTimestamp')}` };
    case E.DateMaximumTimestamp:
      return { code: 'maximum', message: `must not be after ${timestamp(s, 'maximumTimestamp')}` };
    case E.DateExclusiveMinimumTimestamp:
      return {
        code: 'exclusiveMinimum',
        message: `must be after ${timestamp(s, 'exclusiveMinimumTimestamp')}`,
      };
    case E.DateExclusiveMaximumTimestamp:
      return {
        code: 'exclusiveMaximum',
        message: `must be before ${timestamp(s, 'exclusiveMaximumTimestamp')}`,
      };
    case E.Uint8ArrayMinByteLength:
      return { code: 'minLength', message: `must be at least ${count(s, 'minByteLength', 'byte')} long` };
    case E.Uint8ArrayMaxByteLength:
      return { code: 'maxLength', message: `must be at most ${count(s, 'maxByteLength', 'byte')} long` };
    case E.Literal:
      return { code: 'enum', message: `must be ${JSON.stringify(s.const)}` };
    case E.Union:
      return explainUnion(s);
    case E.Kind:
      return s[Kind] === FileKind ? explainFile(s, error.value) : { code: 'type', message: error.message };
    default: {
      const message = typeNames[error.type];
      return message === undefined ? { code: 'invalid', message: error.message } : { code: 'type', message };
    }
  }
}

function explainUnion(schema: TSchema): Explained {
  const members = schema.anyOf as TSchema[];
  if (members.every((member) => member[Kind] === 'Literal')) {
    return {
      code: 'enum',
      message: `must be one of: ${members.map((member) => String(member.const)).join(', ')}`,
    };
  }
  return { code: 'union', message: 'does not match any of the allowed forms' };
}

function explainFile(schema: TSchema, value: unknown): Explained {
  if (!(value instanceof UploadedFile)) return { code: 'type', message: 'must be a file' };
  if (schema.maxSize !== undefined && value.size > (schema.maxSize as number)) {
    return { code: 'maxSize', message: `must be at most ${count(schema, 'maxSize', 'byte')}` };
  }
  if (!fileTypeAccepted(schema.mediaTypes as readonly string[] | undefined, value.type)) {
    return { code: 'mediaType', message: `must be of type ${(schema.mediaTypes as string[]).join(', ')}` };
  }
  return { code: 'invalid', message: 'is not an acceptable file' };
}
