import Negotiator from 'negotiator';
import { StartupError } from './startup-error.js';

/**
 * Chooses the response media type for one route from the Accept header. Accept values repeat
 * across requests, so each route keeps a small cache of header → choice to stay off the
 * negotiator on the hot path.
 */
export class ResponseNegotiator {
  private readonly cache = new Map<string, string | null>();
  /** The concrete types produced, in preference order. */
  readonly produces: readonly string[];
  /**
   * `*\/*` among the produced types means the route answers whatever the client asked for with
   * its first concrete type (APIs whose wire format is fixed by a protocol, not by Accept).
   */
  private readonly anyAccept: boolean;

  /** `owner` names the route in the startup error (`route GET /a`). */
  constructor(produces: readonly string[], owner = 'a route') {
    if (produces.length === 0)
      throw new StartupError('BND_ERR_MEDIA_TYPE', `${owner} must produce at least one media type`);
    this.anyAccept = produces.includes('*/*');
    this.produces = this.anyAccept ? produces.filter((p) => p !== '*/*') : produces;
    if (this.produces.length === 0) this.produces = ['application/octet-stream'];
  }

  /** The chosen type, or null when nothing acceptable is produced (406). */
  choose(accept: string | undefined): string | null {
    if (accept === undefined || accept === '' || accept === '*/*') return this.produces[0]!;
    // The usual API client asks for exactly the route's first type: no parsing, no cache lookup.
    if (accept === this.produces[0]) return this.produces[0];
    const hit = this.cache.get(accept);
    if (hit !== undefined) return hit;
    const chosen =
      new Negotiator({ headers: { accept } }).mediaType(this.produces as string[]) ??
      (this.anyAccept ? this.produces[0]! : null);
    if (this.cache.size >= 128) this.cache.clear();
    this.cache.set(accept, chosen);
    return chosen;
  }
}
