// The root entry: what a service author uses. Extension points live behind subpaths:
// binderyjs/http (readers, writers, low-level results and the error registry),
// binderyjs/components (writing a binding component, the Dapr APIs), binderyjs/openapi (the
// document's types and builder), binderyjs/testing, binderyjs/router and binderyjs/cli.
// test/public-api.test.ts pins this list.
export type { Static, TSchema } from '@sinclair/typebox';
export type { StandardSchemaV1 } from '@standard-schema/spec';
export type { BoundInput } from './binding/bound-input.js';
export { BindingDeclarationError } from './binding/declaration-error.js';
export { registerFormat } from './binding/formats.js';
export { FileKind, type FileOptions, type TFile, t } from './binding/type-builder.js';
export { bindingChecks } from './components/binding-checks.js';
export { type BindingClient, binding, provideBindings } from './components/binding-client.js';
export type { BindingResult } from './components/binding-data.js';
export { BindingError, isBindingError } from './components/binding-error.js';
export { type BindingOperations, embeddedLocalStorage } from './components/bindings/index.js';
export {
  BindingsRuntime,
  type BindingsRuntimeOptions,
  ComponentLoadError,
} from './components/bindings-runtime.js';
export { type BindingRouteOptions, bindingRoute } from './components/input/binding-route.js';
export type { Context } from './http/context.js';
export { type ErrorCode, type ErrorCodeInfo, registerErrorCode } from './http/error-codes.js';
export {
  HttpError,
  type HttpErrorOptions,
  httpError,
  isHttpError,
  type ProblemDetails,
  type ProblemItem,
  type ProblemLocation,
} from './http/http-error.js';
export type { Limits, RouteLimits } from './http/limits.js';
export { UploadedFile } from './http/readers/uploaded-file.js';
export {
  accepted,
  created,
  type HeaderMap,
  noContent,
  type ProblemInput,
  problem,
  type Result,
  redirect,
  status,
} from './http/results.js';
export type { StartupErrorCode } from './http/startup-codes.js';
export { isStartupError, StartupError } from './http/startup-error.js';
export { disposable } from './inject/disposable-value.js';
export { InjectionGraphError } from './inject/injection-graph-error.js';
export {
  factory,
  type InjectableClass,
  type Provider,
  type Scope,
  useClass,
  value,
} from './inject/provider.js';
export { type Skip, skip, stop } from './inject/stop.js';
export { type InjectionKey, seeded, type Token, token } from './inject/token.js';
export {
  type PrometheusMetrics,
  type PrometheusMetricsOptions,
  prometheusMetrics,
} from './metrics/prometheus-metrics.js';
export { AfterActivation, BeforeActivation, type ControllerScope } from './mvc/activation.js';
export { ControllerError } from './mvc/controller-error.js';
export type { ControllerExpose, ControllerParams } from './mvc/controller-route.js';
export { inject } from './mvc/inject-decorator.js';
export { registerController } from './mvc/register.js';
export { any, del, endpoint, get, head, patch, post, put, route } from './mvc/route-decorators.js';
export type { ReturnsDoc, RouteOptions } from './mvc/route-options.js';
// Through the layer's index, which also adds `container.openapi()` to Container.
export { OpenApiDocumentError } from './openapi/index.js';
export type { OpenApiOptions } from './openapi/openapi-options.js';
export type { OpenApiDocument } from './openapi/openapi-types.js';
export { type ServedOpenApi, type ServeOpenApiOptions, serveOpenApi } from './openapi/serve-openapi.js';
export type { Params } from './router/params-type.js';
export { Container, type ContainerLifecycle, type ContainerOptions } from './service/container.js';
export { contextToken } from './service/context-token.js';
export type { ErrorHandler } from './service/error-handlers.js';
export type { Filter, Next } from './service/filter.js';
export { type CompressionOptions, compression } from './service/filters/compression.js';
export { type CorsOptions, cors } from './service/filters/cors.js';
export { requestId } from './service/filters/request-id.js';
export { type RequestLoggerOptions, requestLogger } from './service/filters/request-logger.js';
export type { HealthCheck, HealthCheckResult, HealthReport } from './service/health/health-check.js';
export { type HealthProbeOptions, healthProbes } from './service/health/health-probes.js';
export type { InjectOptions, InjectResponse } from './service/inject-request.js';
export type {
  BindOptions,
  DeclaredOutput,
  HandlerOutput,
  RouteBuilder,
  RouteHandler,
} from './service/route-builder.js';
export {
  type SecurityRequirement,
  type SecurityScheme,
  type SecuritySchemeDefinition,
  scopes,
  securityScheme,
} from './service/security-scheme.js';
export type { ListenOptions } from './service/server.js';
export { WebService, type WebServiceOptions } from './service/web-service.js';
export { type WorkerSlot, workerSlot } from './service/worker-slot.js';
export { TraceContext } from './tracing/index.js';
