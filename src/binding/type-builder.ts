import {
  type ArrayOptions,
  type BigIntOptions,
  type DateOptions,
  type IntegerOptions,
  JavaScriptTypeBuilder,
  Kind,
  type NumberOptions,
  type ObjectOptions,
  type SchemaOptions,
  type StringOptions,
  type TArray,
  type TBigInt,
  type TBoolean,
  type TDate,
  type TInteger,
  type TLiteral,
  type TLiteralValue,
  type TNumber,
  type TObject,
  type TProperties,
  type TSchema,
  type TString,
  TypeRegistry,
} from '@sinclair/typebox';
import { UploadedFile } from '../http/readers/index.js';

/** The TypeBox kind of `t.File()`. */
export const FileKind = 'BinderyFile';

export interface FileOptions extends SchemaOptions {
  /** Largest accepted file in bytes (the reader's `fileSize` limit still applies first). */
  maxSize?: number;
  /** Accepted media types: exact (`image/png`) or a wildcard (`image/*`). */
  mediaTypes?: readonly string[];
}

/** A multipart file part; binds to an UploadedFile. Documented in OpenAPI as a binary string. */
export interface TFile extends TSchema, FileOptions {
  [Kind]: typeof FileKind;
  static: UploadedFile;
  type: 'string';
  format: 'binary';
}

export function fileTypeAccepted(patterns: readonly string[] | undefined, type: string): boolean {
  if (patterns === undefined) return true;
  for (const pattern of patterns) {
    if (pattern === type || pattern === '*/*') return true;
    if (pattern.endsWith('/*') && type.startsWith(pattern.slice(0, -1))) return true;
  }
  return false;
}

if (!TypeRegistry.Has(FileKind)) {
  TypeRegistry.Set<TFile>(
    FileKind,
    (schema, value) =>
      value instanceof UploadedFile &&
      (schema.maxSize === undefined || value.size <= schema.maxSize) &&
      fileTypeAccepted(schema.mediaTypes, value.type),
  );
}

/**
 * Records a `default` given in the options in the schema's type, as the schema object itself
 * holds it: a property with a default may be left out by a caller (SchemaInput reads this).
 */
export type WithDefault<O> = O extends { default: infer V } ? { default: V } : unknown;

/**
 * TypeBox's builder plus the types request binding needs (`File`). The scalar, array and object
 * builders also keep a given `default` in their type, so a typed client lets callers omit it.
 */
export class BindingTypeBuilder extends JavaScriptTypeBuilder {
  /** A file part of a multipart body. */
  File(options: FileOptions = {}): TFile {
    return { ...options, [Kind]: FileKind, type: 'string', format: 'binary' } as TFile;
  }

  override Boolean<O extends SchemaOptions>(options?: O): TBoolean & WithDefault<O> {
    return super.Boolean(options) as TBoolean & WithDefault<O>;
  }

  override Integer<O extends IntegerOptions>(options?: O): TInteger & WithDefault<O> {
    return super.Integer(options) as TInteger & WithDefault<O>;
  }

  override Number<O extends NumberOptions>(options?: O): TNumber & WithDefault<O> {
    return super.Number(options) as TNumber & WithDefault<O>;
  }

  override String<O extends StringOptions>(options?: O): TString & WithDefault<O> {
    return super.String(options) as TString & WithDefault<O>;
  }

  override BigInt<O extends BigIntOptions>(options?: O): TBigInt & WithDefault<O> {
    return super.BigInt(options) as TBigInt & WithDefault<O>;
  }

  override Date<O extends DateOptions>(options?: O): TDate & WithDefault<O> {
    return super.Date(options) as TDate & WithDefault<O>;
  }

  override Literal<V extends TLiteralValue, O extends SchemaOptions>(
    value: V,
    options?: O,
  ): TLiteral<V> & WithDefault<O> {
    return super.Literal(value, options) as TLiteral<V> & WithDefault<O>;
  }

  override Array<T extends TSchema, O extends ArrayOptions>(
    items: T,
    options?: O,
  ): TArray<T> & WithDefault<O> {
    return super.Array(items, options) as TArray<T> & WithDefault<O>;
  }

  override Object<P extends TProperties, O extends ObjectOptions>(
    properties: P,
    options?: O,
  ): TObject<P> & WithDefault<O> {
    return super.Object(properties, options) as TObject<P> & WithDefault<O>;
  }
}

/** The schema builder for declarations: every TypeBox type, plus `t.File()`. */
export const t: BindingTypeBuilder = new BindingTypeBuilder();
