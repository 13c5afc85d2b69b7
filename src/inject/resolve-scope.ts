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
  private disposers: RequestScope | undefined = undefined;

  constructor(
    private readonly seedKey: object,
    private readonly seedValue: unknown,
    /** Told once, of the scope whose `dispose()` must run when the request ends. */
    private readonly request: { defer(scope: RequestScope): void },
  ) {}

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
