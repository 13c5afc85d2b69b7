export { type HttpOperation, httpBinding, httpOperations } from './http-binding.js';
