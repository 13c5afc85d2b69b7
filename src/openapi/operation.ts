import { bodilessMethod } from '../http/methods.js';
import { describeRoute, type RouteSpec, type WebService } from '../service/index.js';
import type { SchemaComponents } from './components.js';
import type { JsonSchema, OperationObject, ParameterObject } from './openapi-types.js';
import type { TemplateDoc } from './path-parameters.js';
import { requestBody } from './request-body.js';
import { operationResponses } from './responses.js';
import type { SchemaConverter } from './schema-converter.js';
import type { SecuritySchemes } from './security.js';
import { sourceParameters } from './source-parameters.js';

/** Container-wide facts an operation is built with. */
export interface OperationContext {
  readonly converter: SchemaConverter;
  readonly components: SchemaComponents;
  readonly security: SecuritySchemes;
  readonly defaultProduces: readonly string[];
  readonly bodySize: number;
}

function isJsonValue(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every(isJsonValue);
}

/**
 * Route metadata as `x-` extensions (`metadata('owner', 'team-a')` → `x-owner`). Only JSON
 * values can be written; functions, class instances and the `openapi` switch stay in-process.
 */
function extensions(metadata: Readonly<Record<string, unknown>>): Record<`x-${string}`, unknown> {
  const out: Record<`x-${string}`, unknown> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (key === 'openapi' || !isJsonValue(value)) continue;
    const name: `x-${string}` = key.startsWith('x-') ? (key as `x-${string}`) : `x-${key}`;
    out[name] = value;
  }
  return out;
}

/** The template's parameters, each narrowed by the property a bound path schema gives it. */
async function pathParameters(
  spec: RouteSpec,
  template: TemplateDoc,
  context: OperationContext,
  where: string,
): Promise<ParameterObject[]> {
  if (spec.bind?.path === undefined) return template.parameters;
  const bound = context.components.resolve(
    await context.converter.convert(spec.bind.path, 'input', `${where}, path schema`),
  );
  const properties = (bound.properties ?? {}) as Record<string, JsonSchema>;
  return template.parameters.map((parameter) => {
    const property = properties[parameter.name];
    if (property === undefined || Object.keys(property).length === 0) return parameter;
    const narrowed: ParameterObject = { ...parameter, schema: { allOf: [parameter.schema, property] } };
    const description = context.components.resolve(property).description;
    if (typeof description === 'string') narrowed.description = description;
    return narrowed;
  });
}

/** One route (for one method) as an OpenAPI operation. */
export async function buildOperation(
  ws: WebService,
  spec: RouteSpec,
  method: string,
  operationId: string,
  template: TemplateDoc,
  context: OperationContext,
): Promise<OperationObject> {
  const where = `route ${describeRoute(spec)}`;
  const { converter, components } = context;
  const bind = spec.bind ?? {};
  const parameters = await pathParameters(spec, template, context, where);
  const sources = [
    ['query', bind.query],
    ['header', bind.headers],
    ['cookie', bind.cookies],
  ] as const;
  for (const [location, schema] of sources) {
    if (schema === undefined) continue;
    const converted = await converter.convert(schema, 'input', `${where}, ${location} schema`);
    parameters.push(...sourceParameters(location, converted, schema, components));
  }

  const consumes = spec.consumes ?? ws.defaultConsumes;
  let body: OperationObject['requestBody'];
  if (bind.body !== undefined) {
    const schema = await converter.convert(bind.body, 'input', `${where}, body schema`);
    const limits = { bodySize: context.bodySize, ...spec.limits };
    body = requestBody(schema, bind.body, consumes, limits, components);
  } else if (spec.bodyDoc !== undefined) {
    const schema = await converter.convert(spec.bodyDoc.schema, 'input', `${where}, body schema`);
    const limits = { bodySize: context.bodySize, ...spec.limits };
    const types = spec.bodyDoc.mediaTypes ?? consumes;
    body = requestBody(schema, spec.bodyDoc.schema, types, limits, components);
  } else if (consumes !== undefined && !bodilessMethod(method)) {
    body = { content: Object.fromEntries(consumes.map((type) => [type, {}])) };
  }
  const responses = await operationResponses(
    spec.returns,
    {
      produces: spec.produces ?? ws.defaultProduces ?? context.defaultProduces,
      binds: spec.bind !== undefined,
      readsBody: body !== undefined,
      misses: template.misses,
      rejections: template.rejections,
    },
    converter,
    where,
  );

  // Members in the order the specification lists them, so the document reads naturally.
  const tags = spec.tags.length > 0 ? spec.tags : ws.tagList;
  const operation: OperationObject = {
    ...(tags.length > 0 ? { tags: [...new Set(tags)] } : {}),
    ...(spec.doc === undefined ? {} : { summary: spec.doc }),
    ...(spec.notes === undefined ? {} : { description: spec.notes }),
    operationId,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body === undefined ? {} : { requestBody: body }),
    responses,
    ...(spec.deprecated ? { deprecated: true } : {}),
  };
  const security =
    spec.security ?? (ws.securityRequirements.length > 0 ? ws.securityRequirements : undefined);
  if (security !== undefined) operation.security = context.security.requirements(security);
  Object.assign(operation, extensions(spec.metadata));
  return operation;
}
