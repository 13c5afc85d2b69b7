import type { RouteSpec, SecurityRequirement, WebService } from '../service/index.js';
import type { InfoObject, ServerObject, TagObject } from './openapi-types.js';

/** What `container.openapi(options)` documents beyond the routes themselves. */
export interface OpenApiOptions {
  /** Title, version, description, contact, license (title and version have defaults). */
  info?: Partial<InfoObject>;
  /** Where the API is served; host-grouped services add their own host to their paths. */
  servers?: ServerObject[];
  /** Descriptions of tags, in the order the docs page should list them. */
  tags?: TagObject[];
  /** Credentials every operation needs unless its route or service declares its own. */
  security?: SecurityRequirement[];
  externalDocs?: { url: string; description?: string };
  /**
   * Documents only what a request to this host reaches: the host group the container would pick
   * for it, or the services without a host when no group matches. Without it, every service is
   * documented (host groups with their own `servers`).
   */
  host?: string;
  /** Leaves routes out of the document (routes with metadata `openapi: false` always are). */
  include?: (route: RouteSpec, service: WebService) => boolean;
  /** Extra `x-` members of the document's root. */
  extensions?: Record<`x-${string}`, unknown>;
}

export const DEFAULT_INFO: InfoObject = { title: 'API', version: '1.0.0' };
