import { mediaTypeOf } from '../media-type.js';
import { StartupError } from '../startup-error.js';
import type { EntityReader } from './entity-reader.js';

/**
 * The entity readers a container knows, found by media type. Lookup order for a request type
 * `type/sub+suffix`: an exact registration, then `type/*+suffix`, then `application/suffix` (so
 * `application/problem+json` is read by the JSON reader), then `type/*`, then `*\/*`.
 * A later registration of a media type replaces the earlier one, which is how a user swaps a
 * built-in reader for their own.
 */
export class ReaderRegistry {
  private readonly byType = new Map<string, EntityReader>();

  register(reader: EntityReader): this {
    if (reader.mediaTypes.length === 0)
      throw new StartupError('BND_ERR_MEDIA_TYPE', 'an entity reader must declare at least one media type');
    for (const raw of reader.mediaTypes) {
      const type = raw.trim().toLowerCase();
      if (!/^[^/\s;]+\/[^/\s;]+$/.test(type))
        throw new StartupError('BND_ERR_MEDIA_TYPE', `entity reader media type "${raw}" is not type/subtype`);
      this.byType.set(type, reader);
    }
    return this;
  }

  /** The reader for a Content-Type value or bare media type; parameters are ignored. */
  find(contentType: string): EntityReader | undefined {
    const type = mediaTypeOf(contentType);
    const exact = this.byType.get(type);
    if (exact !== undefined) return exact;
    const slash = type.indexOf('/');
    if (slash <= 0) return undefined;
    const main = type.slice(0, slash);
    const plus = type.lastIndexOf('+');
    if (plus > slash) {
      const suffix = type.slice(plus + 1);
      const bySuffix = this.byType.get(`${main}/*+${suffix}`) ?? this.byType.get(`application/${suffix}`);
      if (bySuffix !== undefined) return bySuffix;
    }
    return this.byType.get(`${main}/*`) ?? this.byType.get('*/*');
  }

  /** Every registered media type, in registration order (for 415 details and OpenAPI). */
  mediaTypes(): string[] {
    return [...this.byType.keys()];
  }
}
