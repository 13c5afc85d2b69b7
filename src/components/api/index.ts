export { API_TOKEN_HEADER } from './api-token.js';
export {
  type BindingRequestBody,
  MalformedBodyError,
  parseBindingRequestBody,
} from './binding-request-body.js';
export {
  type ApiAccessRule,
  apiAllowed,
  type DaprConfiguration,
  emptyConfiguration,
  loadDaprConfiguration,
  tracingEnabled,
} from './dapr-configuration.js';
export { type DaprGrpcOptions, DaprGrpcServer } from './dapr-grpc-server.js';
export {
  type DaprApiOptions,
  type DaprHttpAnswer,
  DaprHttpCore,
  isLoopback,
  metadataHeaders,
  type RequestHeaders,
} from './dapr-http-core.js';
export {
  type DaprHttpServiceOptions,
  DEFAULT_MAX_BODY_SIZE,
  daprFallbackService,
  daprHttpService,
} from './dapr-http-service.js';
export { ExtendedMetadata, extendedMetadataLimits } from './extended-metadata.js';
export {
  type AppConnection,
  type MetadataDocument,
  type MetadataSources,
  metadataDocument,
} from './metadata-document.js';
export { runtimeVersion } from './runtime-version.js';
export { Sidecar, type SidecarAddresses, type SidecarOptions } from './sidecar.js';
export { type ApiCall, cleanRequestTarget, SidecarHttpServers } from './sidecar-http-servers.js';
