import { type Container, describeRoute, type RouteSpec, type WebService } from '../service/index.js';
import { SchemaComponents } from './components.js';
import { hostGroupFor, hostServers } from './host-servers.js';
import { OpenApiDocumentError } from './openapi-error.js';
import { DEFAULT_INFO, type OpenApiOptions } from './openapi-options.js';
import {
  OPERATION_METHODS,
  type OpenApiDocument,
  type OperationMethod,
  type PathItemObject,
  type TagObject,
} from './openapi-types.js';
import { buildOperation, type OperationContext } from './operation.js';
import { assignOperationIds, type IdRequest } from './operation-ids.js';
import { type TemplateDoc, templateDocs } from './path-parameters.js';
import { problemSchema } from './problem-responses.js';
import { pipelineResponseComponents } from './responses.js';
import { SchemaConverter } from './schema-converter.js';
import { SecuritySchemes } from './security.js';

export const OPENAPI_VERSION = '3.1.1';

/** One operation to write: a route for one method (an any-method route gives several). */
interface Entry extends IdRequest {
  readonly ws: WebService;
  readonly spec: RouteSpec;
  readonly doc: TemplateDoc;
  readonly host: string;
}

function documented(ws: WebService, spec: RouteSpec, options: OpenApiOptions): boolean {
  if (spec.metadata.openapi === false) return false;
  return options.include === undefined || options.include(spec, ws);
}

/**
 * The declared operation id of one of a route's paths: as written for the first, and with the
 * optional parameter's name appended for the path that has it (`getUser`, `getUserById`).
 */
function declaredId(spec: RouteSpec, doc: TemplateDoc, index: number): string | undefined {
  if (spec.operationId === undefined || index === 0) return spec.operationId;
  const last = doc.parameters[doc.parameters.length - 1]!.name;
  return `${spec.operationId}By${last.charAt(0).toUpperCase()}${last.slice(1)}`;
}

/** The routes to document, as one entry per method, with any-method routes given the methods left free. */
function collect(container: Container, options: OpenApiOptions): Entry[] {
  const entries: Entry[] = [];
  const wildcards: Omit<Entry, 'method' | 'route'>[] = [];
  const services = container.webServices();
  const group =
    options.host === undefined
      ? undefined
      : (hostGroupFor(
          services.flatMap((ws) => ws.hostPattern ?? []),
          options.host,
        ) ?? '');
  for (const ws of services) {
    const host = ws.hostPattern?.toLowerCase() ?? '';
    if (group !== undefined && host !== group) continue;
    for (const spec of ws.routes()) {
      if (!documented(ws, spec, options)) continue;
      templateDocs(spec.template).forEach((doc, index) => {
        const base = { ws, spec, doc, host, path: doc.path, declared: declaredId(spec, doc, index) };
        if (spec.method === '*') wildcards.push(base);
        else if ((OPERATION_METHODS as readonly string[]).includes(spec.method.toLowerCase())) {
          entries.push({ ...base, method: spec.method, route: describeRoute(spec) });
        }
      });
    }
  }
  for (const wildcard of wildcards) {
    const taken = new Set(
      entries
        .filter((e) => e.host === wildcard.host && e.doc.path === wildcard.doc.path)
        .map((e) => e.method),
    );
    for (const method of OPERATION_METHODS) {
      const verb = method.toUpperCase();
      if (taken.has(verb)) continue;
      // Several methods share the route's declared id, so each gets one derived from its method.
      entries.push({
        ...wildcard,
        method: verb,
        declared: undefined,
        route: `${verb} ${wildcard.spec.template}`,
      });
    }
  }
  return entries;
}

/** The tags in use, services' first (in the order they were added, a service's doc describing its first tag). */
function tagsOf(container: Container, document: OpenApiDocument, options: OpenApiOptions): TagObject[] {
  const tags = new Map<string, TagObject>();
  for (const tag of options.tags ?? []) tags.set(tag.name, { ...tag });
  for (const ws of container.webServices()) {
    ws.tagList.forEach((name, index) => {
      if (tags.has(name)) return;
      const description = index === 0 ? ws.documentation : undefined;
      tags.set(name, description === undefined ? { name } : { name, description });
    });
  }
  const used = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const method of OPERATION_METHODS) for (const tag of item[method]?.tags ?? []) used.add(tag);
  }
  for (const name of used) if (!tags.has(name)) tags.set(name, { name });
  const declared = new Set(options.tags?.map((tag) => tag.name));
  return [...tags.values()].filter((tag) => used.has(tag.name) || declared.has(tag.name));
}

/**
 * Builds the OpenAPI 3.1 document of every route the container holds at this moment (services
 * added later, controllers and host groups included). Throws an OpenApiDocumentError listing
 * every route that cannot be described exactly.
 */
export async function buildOpenApiDocument(
  container: Container,
  options: OpenApiOptions = {},
): Promise<OpenApiDocument> {
  const issues: string[] = [];
  const components = new SchemaComponents();
  const converter = new SchemaConverter(components);
  const context: OperationContext = {
    converter,
    components,
    security: new SecuritySchemes(issues),
    defaultProduces: container.defaultProduces,
    bodySize: container.limits.bodySize,
  };
  const entries = collect(container, options);
  const ids = assignOperationIds(entries, issues);

  const paths: Record<string, PathItemObject> = {};
  const pathHosts = new Map<string, { host: string; route: string }>();
  for (const entry of entries) {
    const owner = pathHosts.get(entry.doc.path);
    if (owner !== undefined && owner.host !== entry.host) {
      issues.push(
        `${owner.route} and ${entry.route} share the OpenAPI path ${entry.doc.path} on different hosts; document one host at a time with the host option`,
      );
      continue;
    }
    pathHosts.set(entry.doc.path, { host: entry.host, route: entry.route });
    paths[entry.doc.path] ??= {};
    const item = paths[entry.doc.path]!;
    const method = entry.method.toLowerCase() as OperationMethod;
    if (item[method] !== undefined) {
      issues.push(
        `${entry.route} and another route are both ${entry.method} ${entry.doc.path} in OpenAPI terms; an OpenAPI path holds one operation per method`,
      );
      continue;
    }
    item[method] = await buildOperation(
      entry.ws,
      entry.spec,
      entry.method,
      ids.get(entry)!,
      entry.doc,
      context,
    );
    if (entry.ws.hostPattern !== undefined) item.servers = hostServers(entry.ws.hostPattern, options.servers);
  }
  issues.push(...components.conflicts, ...converter.issues);
  if (issues.length > 0) throw new OpenApiDocumentError(issues);

  const document: OpenApiDocument = {
    openapi: OPENAPI_VERSION,
    info: { ...DEFAULT_INFO, ...options.info },
    ...(options.servers === undefined ? {} : { servers: options.servers }),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
  const responseNames = new Set<string>();
  for (const item of Object.values(paths)) {
    for (const method of OPERATION_METHODS) {
      for (const response of Object.values(item[method]?.responses ?? {})) {
        if ('$ref' in response) responseNames.add(response.$ref.slice('#/components/responses/'.length));
      }
    }
  }
  components.add('Problem', problemSchema, 'the error answers', 'output');
  document.components = {
    schemas: components.finish(),
    responses: pipelineResponseComponents(responseNames),
  };
  if (options.security !== undefined) document.security = context.security.requirements(options.security);
  const securitySchemes = context.security.toObject();
  if (securitySchemes !== undefined) document.components.securitySchemes = securitySchemes;
  const tags = tagsOf(container, document, options);
  if (tags.length > 0) document.tags = tags;
  if (options.externalDocs !== undefined) document.externalDocs = options.externalDocs;
  Object.assign(document, options.extensions);
  return document;
}
