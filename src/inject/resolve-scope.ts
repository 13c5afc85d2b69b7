import { absent, RequestScope } from './request-scope.js';

/**
 * What resolving a plan needs from the request: seeded values, a place to keep request-scoped
 * instances, and where disposers go. A `RequestScope` is the general one.
 */
export interface ResolveScope {
  /** The value held under `key`, or `absent`. */
  find(key: object): unknown;
  remember(key: object, value: unknown): void;
  onDispose(fn: () => unknown): void;
}

/**
 * The scope of one request that resolves exactly one plan, as a route does: one seed, and no
 * cache, because the plan's own slots already make each request-scoped value once. The
 * `RequestScope` that holds disposers is only made when a value registers one, so the usual
 * request (nothing disposable) allocates this one small object and defers nothing.
 */
export class SinglePlanScope implements ResolveScope {
  // Declared, then set in the constructor: one per request, so no per-field definitions.
  declare private readonly seedKey: object;
  declare private readonly seedValue: unknown;
  declare private readonly request: { defer(scope: RequestScope): void };
  declare private disposers: RequestScope | undefined;

  /** `request` is told once of the scope whose `dispose()` must run when the request ends. */
  constructor(seedKey: object, seedValue: unknown, request: { defer(scope: RequestScope): void }) {
    this.seedKey = seedKey;
    this.seedValue = seedValue;
    this.request = request;
    this.disposers = undefined;
  }

  find(key: object): unknown {
    return key === this.seedKey ? this.seedValue : absent;
  }

  remember(): void {}

  onDispose(fn: () => unknown): void {
    if (this.disposers === undefined) {
      this.disposers = new RequestScope();
      this.request.defer(this.disposers);
    }
    this.disposers.onDispose(fn);
  }
}
