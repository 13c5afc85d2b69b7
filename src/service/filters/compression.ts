import { type CompressionSettings, type Encoding, isCompressible } from '../../http/compression.js';
import type { Filter } from '../filter.js';

export interface CompressionOptions {
  /** Encodings in order of preference (default br, then gzip). */
  encodings?: Encoding[];
  /** Smallest body worth compressing, in bytes (default 1024). */
  threshold?: number;
  compressible?: (mediaType: string) => boolean;
  gzipLevel?: number;
  brotliQuality?: number;
}

/**
 * Compresses answers with gzip or brotli as the client's Accept-Encoding allows, above a size
 * threshold and only for compressible media types; adds `Vary: Accept-Encoding`.
 */
export function compression(options: CompressionOptions = {}): Filter {
  const settings: CompressionSettings = {
    encodings: options.encodings ?? ['br', 'gzip'],
    threshold: options.threshold ?? 1024,
    compressible: options.compressible ?? isCompressible,
    gzipLevel: options.gzipLevel ?? 6,
    brotliQuality: options.brotliQuality ?? 4,
  };
  return (ctx, next) => {
    ctx.compression = settings;
    return next();
  };
}
