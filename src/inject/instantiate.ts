import { StartupError } from '../http/startup-error.js';
import { DisposableValue } from './disposable-value.js';
import { isNode, type ProviderNode, type Target } from './graph.js';
import { type Provider, recipe } from './provider.js';
import { ProviderSignal } from './signal.js';
import type { SingletonStore } from './singleton-store.js';
import { missing } from './singleton-store.js';
import { Stop, skip } from './stop.js';

/**
 * Turns what a provider built into the value consumers get: a Stop ends the request (thrown so
 * every caller unwinds the same way), a DisposableValue registers its release, `skip` becomes
 * undefined, and the provider's own `dispose` option is registered for anything else.
 */
export function finish(provider: Provider<unknown>, built: unknown, owner: DisposerOwner): unknown {
  if (built === skip) return undefined;
  if (built instanceof ProviderSignal) {
    if (built instanceof Stop) throw built;
    if (built instanceof DisposableValue) {
      owner.onDispose(built.dispose);
      return built.value;
    }
  }
  const dispose = provider[recipe].dispose;
  if (dispose !== undefined) owner.onDispose(() => dispose(built));
  return built;
}

/** Where a made value's release goes: its request scope, or the container's singletons. */
export interface DisposerOwner {
  onDispose(fn: () => unknown): void;
}

/** A failure while making a singleton at startup, naming which one. */
function startupError(node: ProviderNode, error: unknown): Error {
  if (error instanceof Stop)
    return new StartupError(
      'BND_ERR_PROVIDER',
      `${node.name} answered stop(...) while being made at startup; only request-time providers can stop a request`,
    );
  const reason = error instanceof Error ? error.message : String(error);
  return new StartupError('BND_ERR_PROVIDER', `could not make ${node.name}: ${reason}`, { cause: error });
}

/**
 * Makes (once) the singleton behind `node`, its dependencies first. Transient dependencies of
 * a singleton live as long as it does, so their disposers join the container's.
 */
export async function makeSingleton(node: ProviderNode, store: SingletonStore): Promise<unknown> {
  const known = store.get(node.provider);
  if (known !== missing) return known;
  const promise = build(node, store);
  store.pending(node.provider, promise);
  try {
    const value = await promise;
    store.ready(node.provider, value);
    return value;
  } catch (error) {
    store.forget(node.provider);
    throw error;
  }
}

async function build(node: ProviderNode, store: SingletonStore): Promise<unknown> {
  const args: unknown[] = [];
  for (const dep of node.deps) args.push(await startupValue(dep, store));
  try {
    let built = node.provider[recipe].build(args);
    if (built instanceof Promise) built = await built;
    return finish(node.provider, built, store);
  } catch (error) {
    throw startupError(node, error);
  }
}

function startupValue(dep: Target | undefined, store: SingletonStore): Promise<unknown> {
  if (dep === undefined || !isNode(dep) || dep.scope === 'request') {
    // Invariant: ready() checks the graph (InjectionGraphError) before any singleton is made.
    throw new Error('the dependency graph was not checked before making singletons');
  }
  return dep.scope === 'singleton' ? makeSingleton(dep, store) : build(dep, store);
}
