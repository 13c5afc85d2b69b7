export { type CompressionSettings, type Encoding, isCompressible } from './compression.js';
export {
  Context,
  type ContextShared,
  type JsonSerializer,
  type ResponseSerializers,
  type RouteInfo,
} from './context.js';
export {
  type BuiltInErrorCode,
  builtInErrorCodes,
  codeForStatus,
  type ErrorCode,
  type ErrorCodeInfo,
  errorCodeInfo,
  errorCodes,
  errorTypeUri,
  registerErrorCode,
} from './error-codes.js';
export {
  HttpError,
  type HttpErrorOptions,
  httpError,
  isHttpError,
  type ProblemDetails,
  type ProblemItem,
  type ProblemLocation,
} from './http-error.js';
export { defaultLimits, type Limits, type RouteLimits } from './limits.js';
export { consumesMatch, mediaTypeMatches, mediaTypeOf } from './media-type.js';
export { ResponseNegotiator } from './negotiation.js';
export { loadOptionalPeer, type OptionalPeer } from './optional-peer.js';
export * from './readers/index.js';
export {
  accepted,
  created,
  type HeaderMap,
  isResult,
  noContent,
  PROBLEM_JSON,
  type ProblemInput,
  problem,
  Result,
  redirect,
  status,
} from './results.js';
export { type StartupCodeInfo, type StartupErrorCode, startupErrorCodes } from './startup-codes.js';
export { isStartupError, StartupError } from './startup-error.js';
export {
  binaryWriter,
  bytesWriter,
  defaultWriters,
  type EntityWriter,
  jsonWriter,
  textWriter,
  WriterRegistry,
} from './writers.js';
