// The public face of Bindery: the service model, HTTP results and errors, binding schemas,
// dependency injection and output bindings. The router is also published alone as
// `binderyjs/router`.
export * from './binding/index.js';
export * from './components/index.js';
export * from './http/index.js';
export * from './inject/index.js';
export * from './metrics/index.js';
export * from './mvc/index.js';
export * from './openapi/index.js';
export type { Params } from './router/index.js';
export * from './service/index.js';
export { TraceContext } from './tracing/index.js';
