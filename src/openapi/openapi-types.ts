import type { SecuritySchemeDefinition } from '../service/index.js';

/**
 * The parts of an OpenAPI 3.1 document Bindery writes. Schemas are JSON Schema 2020-12 objects,
 * kept as plain records because any keyword may appear in them.
 */
export type JsonSchema = { [keyword: string]: unknown };

export interface InfoObject {
  title: string;
  version: string;
  summary?: string;
  description?: string;
  termsOfService?: string;
  contact?: { name?: string; url?: string; email?: string };
  license?: { name: string; identifier?: string; url?: string };
}

export interface ServerObject {
  url: string;
  description?: string;
  variables?: Record<string, { default: string; enum?: string[]; description?: string }>;
}

export interface TagObject {
  name: string;
  description?: string;
}

export interface ReferenceObject {
  $ref: string;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  deprecated?: boolean;
  style?: 'simple' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  explode?: boolean;
  schema: JsonSchema;
  [extension: `x-${string}`]: unknown;
}

export interface EncodingObject {
  contentType?: string;
}

export interface MediaTypeObject {
  schema?: JsonSchema;
  encoding?: Record<string, EncodingObject>;
}

export interface RequestBodyObject {
  description?: string;
  required?: boolean;
  content: Record<string, MediaTypeObject>;
  [extension: `x-${string}`]: unknown;
}

export interface HeaderObject {
  description?: string;
  schema: JsonSchema;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject>;
  content?: Record<string, MediaTypeObject>;
}

export type SecurityRequirementObject = Record<string, string[]>;

export interface OperationObject {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters?: ParameterObject[];
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject | ReferenceObject>;
  security?: SecurityRequirementObject[];
  [extension: `x-${string}`]: unknown;
}

export const OPERATION_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;
export type OperationMethod = (typeof OPERATION_METHODS)[number];

export type PathItemObject = { [M in OperationMethod]?: OperationObject } & {
  servers?: ServerObject[];
};

export interface ComponentsObject {
  schemas?: Record<string, JsonSchema>;
  responses?: Record<string, ResponseObject>;
  securitySchemes?: Record<string, SecuritySchemeDefinition>;
}

/** An OpenAPI 3.1 document. */
export interface OpenApiDocument {
  openapi: string;
  info: InfoObject;
  jsonSchemaDialect?: string;
  servers?: ServerObject[];
  paths: Record<string, PathItemObject>;
  components?: ComponentsObject;
  security?: SecurityRequirementObject[];
  tags?: TagObject[];
  externalDocs?: { url: string; description?: string };
  [extension: `x-${string}`]: unknown;
}
