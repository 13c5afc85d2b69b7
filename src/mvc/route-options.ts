import type { BindDeclaration, SchemaLike } from '../binding/index.js';
import type { Filter, SecurityRequirement } from '../service/index.js';

/** A documented response of a controller route. */
export interface ReturnsDoc {
  readonly status: number;
  readonly description: string;
  readonly schema?: SchemaLike;
}

/** What a controller route may declare beyond its method and path: the RouteBuilder's calls. */
export interface RouteOptions {
  /** The request sources to bind (`.bind()`). */
  readonly bind?: BindDeclaration;
  /** Accept a body on GET/HEAD/DELETE/OPTIONS on purpose. */
  readonly allowBody?: boolean;
  /** Summary line (`.doc()`). */
  readonly doc?: string;
  /** Longer description (`.notes()`). */
  readonly notes?: string;
  /** OpenAPI operationId (`.operation()`). */
  readonly operation?: string;
  readonly tags?: readonly string[];
  readonly returns?: readonly ReturnsDoc[];
  readonly consumes?: readonly string[];
  readonly produces?: readonly string[];
  readonly deprecated?: boolean;
  readonly filters?: readonly Filter[];
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Credential alternatives (`.security()` once per entry; `[]` is an open route). */
  readonly security?: readonly SecurityRequirement[];
}
