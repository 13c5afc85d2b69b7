export * from './api/index.js';
export { bindingChecks } from './binding-checks.js';
export {
  type BindingClient,
  binding,
  bindingProviders,
  type ProviderTarget,
  provideBindings,
} from './binding-client.js';
export {
  type AnyBindingComponentType,
  type BindingComponentType,
  type BindingMetadata,
  type ComponentContext,
  defineBindingType,
  directionsOf,
  type InputBinding,
  type InputEvent,
  type InputHandler,
  type InvokeRequest,
  type InvokeResponse,
  type OutboundRequest,
  type OutputBinding,
  type ReadOptions,
} from './binding-component.js';
export { type BindingResult, bindingResult, encodeBindingData } from './binding-data.js';
export {
  BindingError,
  type BindingErrorReason,
  bindingMessages,
  ComponentError,
  ERR_INVOKE_OUTPUT_BINDING,
  isBindingError,
  RefusedRequestError,
} from './binding-error.js';
export * from './bindings/index.js';
export {
  BindingsRuntime,
  type BindingsRuntimeOptions,
  type ComponentInfo,
  ComponentLoadError,
  type InputTarget,
} from './bindings-runtime.js';
export {
  CallCanceledError,
  DEFAULT_CALL_TIMEOUT_MS,
  DeadlineExceededError,
  withDeadline,
} from './call-deadline.js';
export { type ComponentFileResult, parseComponentFile } from './component-file.js';
export type { ComponentDeclaration, ComponentSpec, MetadataEntry } from './component-spec.js';
export { ComponentTypes } from './component-types.js';
export { goJsonMarshal } from './go-json.js';
export {
  type AppAnswer,
  type AppChannel,
  type BindingRouteOptions,
  bindingRoute,
  containerChannel,
  DEFAULT_MAX_IN_FLIGHT,
  EventRefusedError,
  type HttpAppChannelOptions,
  httpAppChannel,
  type InputDeliveryOptions,
} from './input/index.js';
export {
  defineMetadata,
  type MetadataField,
  type MetadataFields,
  type MetadataFieldType,
  type MetadataIssue,
  type MetadataValues,
  type ParsedMetadata,
  parseMetadata,
} from './metadata-fields.js';
export * from './resiliency/index.js';
export { loadResources } from './resources-loader.js';
export * from './secrets/index.js';
