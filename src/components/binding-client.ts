import { StartupError } from '../http/startup-error.js';
import { factory, type InjectionKey, type Provider, type Token, token } from '../inject/index.js';
import type { TraceContext } from '../tracing/index.js';
import { tracesRequest } from '../tracing/request-trace.js';
import type { BindingMetadata } from './binding-component.js';
import type { BindingResult } from './binding-data.js';
import { bindingMessages } from './binding-error.js';
import type { BindingsRuntime } from './bindings-runtime.js';

/** An injected output binding: `invoke` accepts only the operations the key was typed with. */
export interface BindingClient<Op extends string = string> {
  readonly name: string;
  invoke(operation: Op, data?: unknown, metadata?: Readonly<BindingMetadata>): Promise<BindingResult>;
  /**
   * The same binding with its calls made children of `trace`. Calls made while a route that
   * injects the binding (directly or through a service) handles a request are children of that
   * request's `ctx.trace` already; this is for work that runs outside one.
   */
  withTrace(trace: TraceContext): BindingClient<Op>;
}

interface BindingKey {
  readonly token: Token<BindingClient>;
  /** Operations the app declared it will call; checked against the component at start-up. */
  readonly operations: Set<string>;
}

/** One token per name, so every `binding('orders')` in the app is the same dependency. */
const keys = new Map<string, BindingKey>();

/**
 * The injection key of an output binding. Type the operations to have `invoke` checked at
 * compile time: `binding<'create' | 'get'>('orders-store')`, or with a list that is also checked
 * against the loaded component when the app starts: `binding('orders-store', ['create', 'get'])`.
 * `BindingOperations['bindings.redis']` names the operations of the built-in types.
 */
export function binding<const Op extends string = string>(
  name: string,
  operations?: readonly Op[],
): Token<BindingClient<Op>> {
  let key = keys.get(name);
  if (key === undefined) {
    key = { token: token<BindingClient>(`binding ${name}`), operations: new Set() };
    keys.set(name, key);
  }
  for (const op of operations ?? []) key.operations.add(op);
  return key.token as Token<BindingClient<Op>>;
}

/** A started runtime's bindings as providers: one per loaded binding and per key the app asked for. */
export function bindingProviders(
  runtime: BindingsRuntime,
): [Token<BindingClient>, Provider<BindingClient>][] {
  if (!runtime.started)
    throw new StartupError('BND_ERR_LIFECYCLE', 'bindingProviders(runtime): await runtime.start() first');
  const names = new Set([...runtime.bindingNames(), ...keys.keys()]);
  return [...names].map((name) => {
    const key = binding(name);
    const declared = keys.get(name)?.operations ?? new Set<string>();
    // A factory, not a value: a missing binding or operation fails when the container resolves
    // its singletons at start-up, naming the binding, instead of at the first request.
    const provider = factory(() => {
      const supported = runtime.operationsOf(name);
      if (supported === undefined) {
        const loaded = runtime.bindingNames();
        throw new StartupError(
          'BND_ERR_COMPONENT_LOAD',
          `${bindingMessages.notFound(name)} (loaded: ${loaded.length > 0 ? loaded.join(', ') : 'none'})`,
        );
      }
      for (const op of declared) {
        if (!supported.includes(op))
          throw new StartupError(
            'BND_ERR_COMPONENT_LOAD',
            bindingMessages.unsupportedOperation(name, op, supported),
          );
      }
      return runtime.client(name);
    });
    // Routes that reach a binding client run under their request, whose trace its calls continue.
    return [key, tracesRequest(provider)];
  });
}

/** Where providers go: a Container, a WebService or a ProviderRegistry. */
export interface ProviderTarget {
  provide<V>(key: InjectionKey<V>, provider: Provider<V>): unknown;
}

/** Registers every binding of a started runtime with a container (or any provider target). */
export function provideBindings(target: ProviderTarget, runtime: BindingsRuntime): void {
  for (const [key, provider] of bindingProviders(runtime)) target.provide(key, provider);
}
