import { AsyncLocalStorage } from 'node:async_hooks';
import type { TraceContext } from './trace-context.js';

/** What carries a request's trace: the request's Context, read when a call is made. */
export interface TraceHolder {
  readonly trace: TraceContext;
}

/**
 * The request being handled, for code that cannot be handed `ctx.trace`: a singleton service
 * holding a binding client makes its calls children of whichever request is running it. Only
 * routes whose dependencies reach a marked provider run inside it, so a route that makes no
 * such calls pays nothing for it.
 */
const running = new AsyncLocalStorage<TraceHolder>();

/** Providers whose values make calls that belong to the request (binding clients). */
const tracedProviders = new WeakSet<object>();

/** Marks a provider whose values make traced calls: routes that reach it run under their request's trace. */
export function tracesRequest<P extends object>(provider: P): P {
  tracedProviders.add(provider);
  return provider;
}

/** Whether a provider was marked with `tracesRequest`. */
export function isTracedProvider(provider: object): boolean {
  return tracedProviders.has(provider);
}

/** Runs a route under its request, so the calls it makes (even from singletons) see its trace. */
export function runInRequest<T>(holder: TraceHolder, work: () => T): T {
  return running.run(holder, work);
}

/** The trace of the request running this code, when a route that makes traced calls is running. */
export function requestTrace(): TraceContext | undefined {
  return running.getStore()?.trace;
}
