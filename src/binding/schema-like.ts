import { Kind, type Static, type TSchema } from '@sinclair/typebox';
import type { StandardSchemaV1 } from '@standard-schema/spec';

/** A schema Bindery accepts for a request source: TypeBox, or any Standard Schema (zod, valibot, arktype). */
export type SchemaLike = TSchema | StandardSchemaV1;

/** The value a schema produces: TypeBox's `Static`, a Standard Schema's output type. */
export type SchemaOutput<S> = S extends TSchema
  ? Static<S>
  : S extends StandardSchemaV1
    ? StandardSchemaV1.InferOutput<S>
    : never;

export function isTypeBoxSchema(value: unknown): value is TSchema {
  return typeof value === 'object' && value !== null && Kind in value;
}

export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const props = (value as { '~standard'?: { version?: unknown; validate?: unknown } })['~standard'];
  return (
    typeof props === 'object' && props !== null && props.version === 1 && typeof props.validate === 'function'
  );
}
