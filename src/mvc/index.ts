export { AfterActivation, BeforeActivation, type ControllerScope } from './activation.js';
export { type ControllerAction, controllerAction, type RequestHooks } from './controller-action.js';
export {
  type ControllerClass,
  type ControllerDefinition,
  type ControllerStatics,
  controllerRoutes,
} from './controller-definition.js';
export { ControllerError } from './controller-error.js';
export type { ControllerExpose, ControllerParams, ControllerRoute, MethodNames } from './controller-route.js';
export { inject } from './inject-decorator.js';
export {
  defaultParam,
  type HttpMethod,
  MethodNameError,
  type NameSegment,
  type ParsedName,
  parseMethodName,
  type RouteMethod,
  splitWords,
  templateOf,
} from './method-name.js';
export { registerController } from './register.js';
export {
  any,
  del,
  endpoint,
  get,
  head,
  patch,
  post,
  put,
  type RouteDecorator,
  route,
} from './route-decorators.js';
export type { ReturnsDoc, RouteOptions } from './route-options.js';
