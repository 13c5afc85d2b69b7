import Negotiator from 'negotiator';

/**
 * Chooses the response media type for one route from the Accept header. Accept values repeat
 * across requests, so each route keeps a small cache of header → choice to stay off the
 * negotiator on the hot path.
 */
export class ResponseNegotiator {
  private readonly cache = new Map<string, string | null>();

  constructor(readonly produces: readonly string[]) {
    if (produces.length === 0) throw new Error('a route must produce at least one media type');
  }

  /** The chosen type, or null when nothing acceptable is produced (406). */
  choose(accept: string | undefined): string | null {
    if (accept === undefined || accept === '' || accept === '*/*') return this.produces[0]!;
    const hit = this.cache.get(accept);
    if (hit !== undefined) return hit;
    const chosen = new Negotiator({ headers: { accept } }).mediaType(this.produces as string[]) ?? null;
    if (this.cache.size >= 128) this.cache.clear();
    this.cache.set(accept, chosen);
    return chosen;
  }
}
