/**
 * Bounds of the attributes clients set with `PUT /v1.0/metadata/{key}` or gRPC SetMetadata.
 * daprd keeps whatever it is sent; without bounds any local process could grow the sidecar's
 * memory for ever, so Bindery caps the number of attributes and the size of each.
 */
export const extendedMetadataLimits = Object.freeze({ entries: 64, keyBytes: 256, valueBytes: 16 * 1024 });

/** The extended metadata `GET /v1.0/metadata` reports, shared by the HTTP and gRPC APIs. */
export class ExtendedMetadata {
  private readonly values = new Map<string, string>();

  /** Stores one attribute; returns why it was refused, or undefined when it was stored. */
  set(key: string, value: string): string | undefined {
    const { entries, keyBytes, valueBytes } = extendedMetadataLimits;
    if (Buffer.byteLength(key) > keyBytes) return `metadata key is longer than ${keyBytes} bytes`;
    if (Buffer.byteLength(value) > valueBytes)
      return `metadata value of ${key} is larger than ${valueBytes} bytes`;
    if (!this.values.has(key) && this.values.size >= entries)
      return `extended metadata already holds the most attributes allowed (${entries})`;
    this.values.set(key, value);
    return undefined;
  }

  toRecord(): Record<string, string> {
    return Object.fromEntries(this.values);
  }
}
