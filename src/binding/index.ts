// Whole-request binding: path, query, headers, cookies and body bound into one typed value,
// every source first, then one validation pass that reports every problem at once.
export type { Static, TSchema } from '@sinclair/typebox';
export type { StandardSchemaV1 } from '@standard-schema/spec';
export type { BindSource } from './bind-source.js';
export { type BinderOptions, defaultUnknownPolicies, type PolicySource } from './binder-options.js';
export { defaultBodyMediaTypes } from './body-media-types.js';
export type { BindDeclaration, BindSourceName, BoundInput, RawCookies, RawQuery } from './bound-input.js';
export { BoundRequest } from './bound-request.js';
export type { CoercionMode, UnknownPolicy } from './coercion-plan.js';
export { type Binder, compileBinder } from './compile-binder.js';
export { BindingDeclarationError } from './declaration-error.js';
export { registerBuiltInFormats, registerFormat } from './formats.js';
export type { SchemaInput } from './schema-input.js';
export { isStandardSchema, isTypeBoxSchema, type SchemaLike, type SchemaOutput } from './schema-like.js';
export type { BindingSchemaOptions, CollectionFormat, TimeFormat } from './schema-options.js';
export {
  BindingTypeBuilder,
  FileKind,
  type FileOptions,
  type TFile,
  t,
  type WithDefault,
} from './type-builder.js';
