export { type CompressionOptions, compression } from './compression.js';
export { type CorsOptions, cors } from './cors.js';
export { requestId } from './request-id.js';
export { type RequestLoggerOptions, requestLogger } from './request-logger.js';
