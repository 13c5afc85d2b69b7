import type {
  StaticEncode,
  TArray,
  TObject,
  TOptional,
  TProperties,
  TSchema,
  TUnion,
} from '@sinclair/typebox';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { TFile } from './type-builder.js';

/**
 * What a caller may send for a schema: its input type where that differs from what the handler
 * receives. A Standard Schema says so itself (`InferInput`); for TypeBox a property that is
 * optional or has a `default` may be left out, a `t.File()` is any Blob (a File in a browser),
 * and a transform takes its encoded side.
 */
export type SchemaInput<S> = S extends TSchema
  ? TypeBoxInput<S>
  : S extends StandardSchemaV1
    ? StandardSchemaV1.InferInput<S>
    : never;

type TypeBoxInput<S> = S extends TFile
  ? Blob
  : S extends TObject<infer P>
    ? ObjectInput<P>
    : S extends TArray<infer I>
      ? TypeBoxInput<I>[]
      : S extends TUnion<infer U>
        ? TypeBoxInput<U[number]>
        : S extends TSchema
          ? StaticEncode<S>
          : never;

type Omissible<P> = {
  [K in keyof P]: P[K] extends TOptional<TSchema> ? K : P[K] extends { default: unknown } ? K : never;
}[keyof P];

type ObjectInput<P extends TProperties> = Flatten<
  { [K in Exclude<keyof P, Omissible<P>>]: TypeBoxInput<P[K]> } & {
    [K in Omissible<P>]?: TypeBoxInput<P[K]>;
  }
>;

type Flatten<T> = { [K in keyof T]: T[K] } & {};
