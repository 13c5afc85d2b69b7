export { type AppAnswer, type AppChannel, eventHeaders, routePath } from './app-channel.js';
export { type BindingRouteOptions, bindingRoute } from './binding-route.js';
export { containerChannel, type InjectTarget } from './container-channel.js';
export { FlowLimiter } from './flow-limiter.js';
export { type HttpAppChannelOptions, httpAppChannel, waitForPort } from './http-app-channel.js';
export {
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_PROBE_TIMEOUT_MS,
  EventRefusedError,
  type InboundPolicy,
  InputBindings,
  type InputDeliveryOptions,
  inputRoute,
  type LoadedInput,
} from './input-bindings.js';
