import { mediaTypeMatches } from './media-type.js';
import { withCode } from './startup-error.js';

/** Serializes a handler's value into one media type. */
export interface EntityWriter {
  /** Concrete types or patterns (`text/*`, `application/*+json`) this writer serves. */
  readonly mediaTypes: readonly string[];
  write(value: unknown, mediaType: string): string | Buffer;
}

/** Whether the JSON writer serves `type`: `application/json` and `application/*+json`. */
export function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** A bigint as its decimal digits in a string. */
function bigintAsText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/**
 * JSON text of a value, bigints included: `int64` path values and `t.BigInt()` fields are
 * bigints, which `JSON.stringify` refuses. They are written as decimal strings, as proto3's
 * JSON mapping writes int64, because a JavaScript client would round them read as numbers. The
 * replacer costs every call, so it is used only when the plain call failed.
 */
export function stringifyJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(value, bigintAsText);
  }
}

export const jsonWriter: EntityWriter = {
  mediaTypes: ['application/json', 'application/*+json'],
  write(value) {
    // JSON.stringify(undefined) is undefined; an explicit null body is the honest answer.
    return stringifyJson(value) ?? 'null';
  },
};

export const textWriter: EntityWriter = {
  mediaTypes: ['text/*'],
  write(value) {
    if (typeof value === 'string') return value;
    if (Buffer.isBuffer(value)) return value;
    if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    return typeof value === 'object' && value !== null ? (stringifyJson(value) ?? 'null') : String(value);
  },
};

/**
 * A writer that passes bytes through in the given media types (`image/png`, `application/pdf`):
 * for routes whose answers are always a Buffer, Uint8Array, string or stream, never data to
 * serialize. Registering it is how such a route's produced type passes the startup check.
 */
export function bytesWriter(...mediaTypes: string[]): EntityWriter {
  const named = mediaTypes.join(', ');
  return {
    mediaTypes,
    write(value) {
      if (Buffer.isBuffer(value)) return value;
      if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      if (typeof value === 'string') return Buffer.from(value);
      throw withCode(
        new TypeError(`${named} needs a Buffer, Uint8Array or string body`),
        'BND_ERR_MEDIA_TYPE',
      );
    },
  };
}

export const binaryWriter: EntityWriter = bytesWriter('application/octet-stream');

/**
 * Entity writers by media type. Later registrations win, so an application can replace the
 * JSON writer (for example with a faster or stricter one) without touching the built-ins.
 */
export class WriterRegistry {
  private readonly writers: EntityWriter[] = [];
  private readonly cache = new Map<string, EntityWriter | null>();

  register(writer: EntityWriter): this {
    this.writers.unshift(writer);
    this.cache.clear();
    return this;
  }

  find(mediaType: string): EntityWriter | undefined {
    const hit = this.cache.get(mediaType);
    if (hit !== undefined) return hit ?? undefined;
    const found = this.writers.find((w) => w.mediaTypes.some((p) => mediaTypeMatches(p, mediaType))) ?? null;
    this.cache.set(mediaType, found);
    return found ?? undefined;
  }
}

export function defaultWriters(): WriterRegistry {
  return new WriterRegistry().register(binaryWriter).register(textWriter).register(jsonWriter);
}
