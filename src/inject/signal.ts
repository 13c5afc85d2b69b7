/**
 * The common base of what a provider may hand back instead of a plain value (`stop(...)`,
 * `disposable(...)`). One `instanceof` against the base is all a freshly built value costs on
 * the request path; only signals are told apart further.
 */
export abstract class ProviderSignal {
  /** Type-only brand: a value that merely looks like a signal is not one. */
  declare private readonly signalBrand: true;
}
