import {
  JavaScriptTypeBuilder,
  Kind,
  type SchemaOptions,
  type TSchema,
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

/** TypeBox's builder plus the types request binding needs (`File`). */
export class BindingTypeBuilder extends JavaScriptTypeBuilder {
  /** A file part of a multipart body. */
  File(options: FileOptions = {}): TFile {
    return { ...options, [Kind]: FileKind, type: 'string', format: 'binary' } as TFile;
  }
}

/** The schema builder for declarations: every TypeBox type, plus `t.File()`. */
export const t: BindingTypeBuilder = new BindingTypeBuilder();
