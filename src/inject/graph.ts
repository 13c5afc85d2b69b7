import { InjectionGraphError } from './injection-graph-error.js';
import { type Provider, recipe } from './provider.js';
import type { ProviderRegistry } from './registry.js';
import type { DepsRecord } from './resolved.js';
import { type InjectionKey, isInjectionKey, isSeeded, keyName, type SeededToken } from './token.js';

/** The lifetime a provider ends up with once `auto` is settled by its dependencies. */
export type EffectiveScope = 'singleton' | 'request' | 'transient';

/** A dependency as the graph resolved it: a provider's node, or a token seeded per request. */
export type Target = ProviderNode | SeededToken<unknown>;

export interface ProviderNode {
  readonly id: number;
  readonly provider: Provider<unknown>;
  /** The key name it was first reached by; errors and chains use it. */
  readonly name: string;
  /** Where its own dependencies are looked up: the registry holding it. */
  readonly registry: ProviderRegistry;
  /** One per dependency, undefined where the dependency is missing. */
  readonly deps: (Target | undefined)[];
  state: 'visiting' | 'done';
  scope: EffectiveScope;
  /** When the node needs the request: the chain from it to what is request-bound. */
  requestPath: readonly string[] | undefined;
}

export function isNode(target: Target): target is ProviderNode {
  return 'provider' in target;
}

/** One consumer of the graph: a route (or any owner) and the registry its deps are looked up in. */
export interface GraphEntry {
  readonly owner: string;
  readonly registry: ProviderRegistry;
  readonly deps: DepsRecord;
}

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  return typeof value === 'string' ? JSON.stringify(value) : `a ${typeof value}`;
}

/**
 * Walks the graph from its consumers, depth first, memoizing each provider so a shared one is
 * checked once. Problems are collected, not thrown, so one startup reports all of them.
 */
export class GraphAnalysis {
  readonly problems: string[] = [];
  private readonly nodes = new Map<Provider<unknown>, ProviderNode>();
  /** The providers being visited, each with the name it was reached by. */
  private readonly stack: { node: ProviderNode; name: string }[] = [];
  private readonly cycles = new Set<string>();
  private readonly conflicts = new Set<ProviderNode>();
  private owner = '';

  /** Resolves an owner's named dependencies; undefined where one is missing. */
  entry(entry: GraphEntry): Map<string, Target | undefined> {
    this.owner = entry.owner;
    const out = new Map<string, Target | undefined>();
    for (const [label, key] of Object.entries(entry.deps)) {
      out.set(label, this.dependency(entry.registry, key, `dependency "${label}"`));
    }
    return out;
  }

  /** Checks every provider registered in `registries` that no consumer reached. */
  sweep(registries: Iterable<ProviderRegistry>): void {
    this.owner = '';
    for (const registry of registries) {
      for (const [key, provider] of registry.entries()) {
        if (!this.nodes.has(provider)) this.visit(provider, registry, keyName(key));
      }
    }
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new InjectionGraphError(this.problems);
  }

  private neededBy(): string {
    const names = this.stack.map((frame) => frame.name).reverse();
    if (this.owner !== '') names.push(this.owner);
    return names.join(' ← ');
  }

  private dependency(
    registry: ProviderRegistry,
    key: InjectionKey<unknown>,
    label: string,
  ): Target | undefined {
    if (!isInjectionKey(key)) {
      const of = this.stack.length > 0 ? this.neededBy() : this.owner;
      this.problems.push(
        `${label} of ${of} is ${describeValue(key)}, not a token or a class (a circular import?)`,
      );
      return undefined;
    }
    if (isSeeded(key)) return key;
    const found = registry.lookup(key);
    if (found === undefined) {
      this.problems.push(`no provider for ${keyName(key)}, needed by ${this.neededBy()}`);
      return undefined;
    }
    return this.visit(found.provider, found.registry, keyName(key));
  }

  private visit(provider: Provider<unknown>, registry: ProviderRegistry, name: string): ProviderNode {
    const known = this.nodes.get(provider);
    if (known !== undefined) {
      if (known.state === 'visiting') this.cycle(known, name);
      else if (known.registry !== registry) this.compare(known, registry);
      return known;
    }
    const how = provider[recipe];
    const node: ProviderNode = {
      id: this.nodes.size,
      provider,
      name,
      registry,
      deps: [],
      state: 'visiting',
      scope: 'singleton',
      requestPath: undefined,
    };
    this.nodes.set(provider, node);
    if (how.arity !== undefined && how.arity > how.deps.length) {
      const declared = how.deps.length;
      this.problems.push(
        `constructor of ${name} takes ${how.arity} arguments but ${declared} ${declared === 1 ? 'dependency is' : 'dependencies are'} declared (static inject or the inject option)`,
      );
    }
    this.stack.push({ node, name });
    for (let i = 0; i < how.deps.length; i++) {
      node.deps.push(
        this.dependency(registry, how.deps[i] as InjectionKey<unknown>, how.labels[i] ?? 'a dependency'),
      );
    }
    this.stack.pop();
    this.settle(node);
    node.state = 'done';
    return node;
  }

  /** Fixes the node's effective scope and flags singletons that would capture a request. */
  private settle(node: ProviderNode): void {
    let viaRequest: readonly string[] | undefined;
    for (const dep of node.deps) {
      if (dep === undefined) continue;
      const path = isNode(dep) ? dep.requestPath : [dep.name];
      if (path !== undefined) {
        viaRequest = path;
        break;
      }
    }
    switch (node.provider.scope) {
      case 'request':
        node.scope = 'request';
        node.requestPath = [node.name];
        break;
      case 'transient':
        node.scope = 'transient';
        node.requestPath = viaRequest === undefined ? undefined : [node.name, ...viaRequest];
        break;
      case 'auto':
        node.scope = viaRequest === undefined ? 'singleton' : 'request';
        node.requestPath = viaRequest === undefined ? undefined : [node.name, ...viaRequest];
        break;
      case 'singleton':
        if (viaRequest !== undefined) {
          this.problems.push(
            `singleton ${node.name} depends on request-scoped ${viaRequest.at(-1)}: ${[node.name, ...viaRequest].join(' → ')}`,
          );
        }
        break;
    }
  }

  private cycle(node: ProviderNode, name: string): void {
    const start = this.stack.findIndex((frame) => frame.node === node);
    const frames = this.stack.slice(start);
    const key = frames
      .map((frame) => frame.node.id)
      .sort((a, b) => a - b)
      .join(',');
    if (this.cycles.has(key)) return;
    this.cycles.add(key);
    this.problems.push(`dependency cycle: ${[...frames.map((frame) => frame.name), name].join(' → ')}`);
  }

  /**
   * A provider object is one binding, so wherever it is registered its dependencies must
   * resolve to the same providers; otherwise which instance is "the" singleton would depend
   * on which route asked first.
   */
  private compare(node: ProviderNode, registry: ProviderRegistry): void {
    if (this.conflicts.has(node)) return;
    const deps = node.provider[recipe].deps;
    for (let i = 0; i < deps.length; i++) {
      const key = deps[i] as InjectionKey<unknown>;
      if (!isInjectionKey(key) || isSeeded(key)) continue;
      const here = registry.lookup(key)?.provider;
      const there = node.deps[i];
      const thereProvider = there === undefined || !isNode(there) ? undefined : there.provider;
      if (here !== thereProvider) {
        this.conflicts.add(node);
        this.problems.push(
          `${node.name} is registered in two places where its dependency ${keyName(key)} resolves to different providers; give each place its own provider`,
        );
        return;
      }
    }
  }
}

/** Every registry of the entries' chains, nearest first, each once. */
function chainsOf(entries: readonly GraphEntry[]): Set<ProviderRegistry> {
  const out = new Set<ProviderRegistry>();
  for (const entry of entries) {
    for (
      let registry: ProviderRegistry | undefined = entry.registry;
      registry !== undefined;
      registry = registry.parent
    ) {
      out.add(registry);
    }
  }
  return out;
}

/**
 * Checks the whole graph at startup: every route's dependencies and every provider registered
 * along their registries. Throws one InjectionGraphError listing every problem.
 */
export function checkGraph(entries: readonly GraphEntry[]): void {
  const analysis = new GraphAnalysis();
  for (const entry of entries) analysis.entry(entry);
  analysis.sweep(chainsOf(entries));
  analysis.throwIfAny();
}
