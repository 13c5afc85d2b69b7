// The OpenAPI layer: the route table as an OpenAPI 3.1 document (`container.openapi()`), and the
// service that serves it with a docs page.
import './container-openapi.js';

export { buildOpenApiDocument, OPENAPI_VERSION } from './build-document.js';
export { componentName } from './components.js';
export { MissingPeerError } from './missing-peer-error.js';
export { OpenApiDocumentError } from './openapi-error.js';
export type { OpenApiOptions } from './openapi-options.js';
export type * from './openapi-types.js';
export { OPERATION_METHODS } from './openapi-types.js';
export { assignOperationIds, deriveOperationId, type IdRequest } from './operation-ids.js';
export { problemSchema } from './problem-responses.js';
export {
  type ServedOpenApi,
  type ServeOpenApiOptions,
  servedDocumentOptions,
  serveOpenApi,
} from './serve-openapi.js';
