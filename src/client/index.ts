// A typed client of a Bindery app, from the app's own types and without generated code: over
// HTTP with fetch (browsers and Node) or in-process through a container. Nothing here imports
// Node-only modules.
export type { Answer, AnswerOf, BodyErrorStatus, RouteErrorStatus } from './answers.js';
export type { CallArgs, CallInput, CallOptions } from './call-input.js';
export { type Client, type ClientHeaders, type ClientMethod, type ClientOptions, client } from './client.js';
export type { HeadersLike } from './headers-like.js';
export type { InProcessTarget } from './in-process.js';
export type { Jsonify } from './json-value.js';
export type { Problem, ProblemItem, ValidationProblem } from './problem.js';
export type {
  ApiRoutes,
  MethodTable,
  PathsOf,
  PlainPath,
  Preferred,
  RouteAt,
  RouteTable,
} from './route-table.js';
