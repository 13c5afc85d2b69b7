import { StartupError } from '../startup-error.js';

/**
 * Limits the entity readers enforce. The size and count limits answer 413 when crossed (the depth
 * limit 400), so a client learns which limit it hit from the detail, and the server never holds
 * more than it agreed to.
 */
export interface BodyLimits {
  /** Largest body in bytes after Content-Encoding is decoded; multipart bodies included. */
  bodySize: number;
  /** Largest single multipart file in bytes. */
  fileSize: number;
  /** Most file parts in one multipart body. */
  files: number;
  /** Most non-file fields in one multipart or urlencoded body. */
  fields: number;
  /** Most parts of any kind in one multipart body. */
  parts: number;
  /** Largest single multipart field value in bytes. */
  fieldSize: number;
  /** Files up to this many bytes stay in memory; larger ones are spooled to a temp file. */
  fileMemory: number;
  /** Deepest nesting of arrays and objects a JSON body may have (400 beyond it). */
  jsonDepth: number;
}

const MiB = 1024 * 1024;

export const defaultBodyLimits: Readonly<BodyLimits> = Object.freeze({
  bodySize: MiB,
  fileSize: Number.POSITIVE_INFINITY,
  files: 10,
  fields: 100,
  parts: 110,
  fieldSize: 64 * 1024,
  fileMemory: 64 * 1024,
  jsonDepth: 128,
});

/** The defaults with the given overrides; throws on a limit that is not a positive number. */
export function resolveBodyLimits(overrides: Partial<BodyLimits> | undefined): BodyLimits {
  const limits: BodyLimits = { ...defaultBodyLimits };
  if (overrides === undefined) return limits;
  for (const key of Object.keys(defaultBodyLimits) as (keyof BodyLimits)[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      throw new StartupError(
        'BND_ERR_INVALID_OPTION',
        `body limit ${key} must be a number of at least 0, got ${String(value)}`,
      );
    }
    limits[key] = value;
  }
  return limits;
}

/** A byte count the way people read it in an error detail: `1 MiB`, `512 KiB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
