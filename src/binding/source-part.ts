import type { TSchema } from '@sinclair/typebox';
import type { ProblemLocation } from '../http/http-error.js';
import { closeObjects } from './closed-schema.js';
import { compileSourcePlan, type Step, type UnknownPolicy } from './coercion-plan.js';
import type { Problems } from './problems.js';
import { isTypeBoxSchema, type SchemaLike } from './schema-like.js';
import type { CollectionFormat } from './schema-options.js';
import { standardValidator } from './standard-validator.js';
import { typeBoxValidator, type Validate } from './typebox-validator.js';

/** One non-body source, compiled: how its raw record becomes a value, and how that is checked. */
export interface SourcePart {
  readonly location: ProblemLocation;
  /** Raw record → bound value; undefined for a Standard Schema, which gets the raw record. */
  readonly coerce: Step | undefined;
  readonly validate: Validate;
  /** The TypeBox schema `validate` checks (objects closed under `reject`); undefined otherwise. */
  readonly schema: TSchema | undefined;
}

export interface SourcePartOptions {
  readonly policy: UnknownPolicy;
  readonly collectionFormat: CollectionFormat;
  /** Maps a declared name to the key it is read under. */
  readonly lookup?: (key: string) => string;
}

export function compileSourcePart(
  location: ProblemLocation,
  schema: SchemaLike,
  options: SourcePartOptions,
): SourcePart {
  if (!isTypeBoxSchema(schema))
    return { location, coerce: undefined, validate: standardValidator(schema, location), schema: undefined };
  const target: TSchema = options.policy === 'reject' ? closeObjects(schema) : schema;
  return {
    location,
    coerce: compileSourcePlan(target, options, options.lookup),
    validate: typeBoxValidator(target, location),
    schema: target,
  };
}

/** Coerces a raw record with a part (or passes it through) while reporting against its source. */
export function coercePart(part: SourcePart, raw: unknown, problems: Problems): unknown {
  if (part.coerce === undefined) return raw;
  problems.location = part.location;
  return part.coerce(raw, problems);
}
