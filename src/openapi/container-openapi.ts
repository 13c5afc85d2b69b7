import { Container } from '../service/index.js';
import { buildOpenApiDocument } from './build-document.js';
import type { OpenApiOptions } from './openapi-options.js';
import type { OpenApiDocument } from './openapi-types.js';

declare module '../service/container.js' {
  interface Container {
    /**
     * The OpenAPI 3.1 document of every route mounted now. It is built on the first call and
     * kept until a service or route is added or removed, so asking again is free; the object is
     * shared between callers, so clone it (`structuredClone`) before changing it. Rejects with an
     * OpenApiDocumentError listing every route that cannot be described.
     */
    openapi(options?: OpenApiOptions): Promise<OpenApiDocument>;
  }
}

interface Cached {
  readonly version: number;
  readonly document: Promise<OpenApiDocument>;
}

const NO_OPTIONS: OpenApiOptions = {};
const caches = new WeakMap<Container, WeakMap<OpenApiOptions, Cached>>();

/**
 * The document for these options, built again only when the route table changed since. Options
 * are compared by identity: a server keeps one options object, so each request is a cache hit.
 */
export function cachedDocument(
  container: Container,
  options: OpenApiOptions = NO_OPTIONS,
): Promise<OpenApiDocument> {
  let perOptions = caches.get(container);
  if (perOptions === undefined) {
    perOptions = new WeakMap();
    caches.set(container, perOptions);
  }
  const version = container.routeTableVersion;
  const cached = perOptions.get(options);
  if (cached !== undefined && cached.version === version) return cached.document;
  const document = buildOpenApiDocument(container, options);
  const entry: Cached = { version, document };
  perOptions.set(options, entry);
  // A failed build is not kept: the error names what to fix, and the next call tries again.
  document.catch(() => {
    if (perOptions.get(options) === entry) perOptions.delete(options);
  });
  return document;
}

Container.prototype.openapi = function openapi(this: Container, options?: OpenApiOptions) {
  return cachedDocument(this, options);
};
