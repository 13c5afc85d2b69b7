export { CompiledRoute } from './compiled-route.js';
export { Container, type ContainerLifecycle, type ContainerOptions } from './container.js';
export { contextToken } from './context-token.js';
export type { ErrorHandler } from './error-handlers.js';
export { type Filter, type Next, runChain } from './filter.js';
export * from './filters/index.js';
export * from './health/index.js';
export type { InjectOptions, InjectResponse } from './inject-request.js';
export {
  type BindOptions,
  type DeclaredOutput,
  type HandlerOutput,
  RouteBuilder,
  type RouteHandler,
} from './route-builder.js';
export { type DepsDeclaration, describeRoute, type ResponseDoc, type RouteSpec } from './route-spec.js';
export {
  type OAuthFlow,
  type OAuthFlows,
  type ScopedScheme,
  type SecurityRequirement,
  type SecurityScheme,
  type SecuritySchemeDefinition,
  type SecurityUse,
  scopes,
  securityScheme,
} from './security-scheme.js';
export { createHttpServer, drainServer, type ListenOptions, listenOn } from './server.js';
export {
  type ControllerRegistrar,
  setControllerRegistrar,
  WebService,
  type WebServiceOptions,
} from './web-service.js';
export { type WorkerSlot, workerSlot } from './worker-slot.js';
