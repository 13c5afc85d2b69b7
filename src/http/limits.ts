import type { BodyLimits } from './readers/index.js';

/** Request limits. Every one has a safe default; containers and routes may tighten or relax them. */
export interface Limits {
  /** Largest request body in bytes, after decoding (413 above it). */
  bodySize: number;
  /** Deepest nesting of arrays and objects in a JSON body (400 beyond it); routes may change it. */
  jsonDepth: number;
  /** Largest request target (path and query) in characters (414 above it). */
  urlLength: number;
  /** Largest single path parameter in characters (the route does not match above it). */
  paramLength: number;
  /** Largest total size of request headers in bytes (431 above it). Server-wide. */
  headerSize: number;
  /** Time to receive the whole request, in milliseconds (408 after it). Server-wide. */
  requestTimeout: number;
  /** Time to receive the request headers, in milliseconds. Server-wide. */
  headersTimeout: number;
  /** Idle keep-alive socket lifetime, in milliseconds. Server-wide. */
  keepAliveTimeout: number;
}

export const defaultLimits: Readonly<Limits> = Object.freeze({
  bodySize: 1024 * 1024,
  jsonDepth: 128,
  urlLength: 8 * 1024,
  paramLength: 100,
  headerSize: 16 * 1024,
  requestTimeout: 30_000,
  headersTimeout: 10_000,
  keepAliveTimeout: 5_000,
});

/** The limits a route may set: the body limits (size, multipart files, fields and parts). */
export type RouteLimits = BodyLimits;
