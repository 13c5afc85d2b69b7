// binderyjs/router: typed path templates, a segment trie with backtracking, and the helpers the
// binding and OpenAPI layers read templates with. Depends on nothing outside this folder.
export { RouteConflictError, TemplateError } from './errors.js';
export { LinearRouter, type LinearRouterOptions } from './linear-router.js';
export type {
  FoundRoute,
  LookupResult,
  RedirectRoute,
  RejectedRoute,
  RouteEntry,
  RouteMatch,
  RouteNotFound,
  RouteParams,
} from './lookup-result.js';
export type { MacroCall, MacroFunction, MacroInfo } from './macro-functions.js';
export type {
  MacroDefinition,
  MacroParser,
  MacroTypes,
  MacroValue,
  MacroValueKind,
  ParamValue,
} from './macros.js';
export { openApiPaths, toOpenApiPath } from './openapi-path.js';
export type { ParamSchema } from './param-schema.js';
export type { Params } from './params-type.js';
export type { RouteTable, RouteTableFactory, RouteTableSettings } from './route-table.js';
export { Router } from './router.js';
export {
  ANY_METHOD,
  type RouterOptions,
  STANDARD_METHODS,
  type TrailingSlashPolicy,
} from './router-options.js';
export {
  type ParamKind,
  type ParsedTemplate,
  parseTemplate,
  type TemplateParam,
  type TemplateSegment,
} from './template-parser.js';
