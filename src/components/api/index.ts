export { API_TOKEN_HEADER } from './api-token.js';
export {
  type BindingRequestBody,
  MalformedBodyError,
  parseBindingRequestBody,
} from './binding-request-body.js';
export { type DaprGrpcOptions, DaprGrpcServer } from './dapr-grpc-server.js';
export {
  type DaprApiOptions,
  type DaprHttpAnswer,
  DaprHttpCore,
  type RequestHeaders,
} from './dapr-http-core.js';
export { type DaprHttpServiceOptions, daprHttpService } from './dapr-http-service.js';
export { type MetadataDocument, metadataDocument } from './metadata-document.js';
export { runtimeVersion } from './runtime-version.js';
export { Sidecar, type SidecarAddresses, type SidecarOptions } from './sidecar.js';
