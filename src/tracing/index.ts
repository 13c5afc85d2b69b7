export { TraceContext } from './trace-context.js';
