import type { FoundRoute, LookupResult } from './lookup-result.js';
import { LENIENT, type Matcher, NEEDS_CARE, PREPARED, type WalkMode } from './matcher.js';
import { mergeSlashes } from './path-text.js';
import type { RoutePlan } from './route-plan.js';
import { RouterCore, type StoredRoute } from './router-core.js';
import type { RouterOptions } from './router-options.js';
import { insert, Node, type RouteRecord } from './trie.js';

/** `Router`'s options but `codegen`: a linear router generates no code. */
export type LinearRouterOptions = Omit<RouterOptions, 'codegen'>;

/**
 * Where a route sits among the others, step by step: a literal segment (0, its label) comes
 * before a parameter (1, kind rank, longer literal text first, then the order its kind of
 * parameter first appeared at that place), exactly the order `Router`'s trie tries them in.
 */
type StepOrder = readonly [0, string] | readonly [1, number, number, number];

interface Entry<T> {
  readonly route: StoredRoute<T>;
  /** The route alone as a chain of trie nodes, matched by the same `Matcher` as `Router`'s trie. */
  readonly root: Node<T>;
  /** Per step, the identity of the trie node it leads to: equal for routes sharing that prefix. */
  readonly places: readonly string[];
  readonly order: readonly StepOrder[];
}

/** The routes of one method in the order they are tried. */
class RouteList<T> {
  readonly entries: Entry<T>[] = [];
  /** For each parameter place: when its kind first appeared there, and how many routes use it. */
  readonly births = new Map<string, { readonly seq: number; users: number }>();
  seq = 0;
}

/**
 * The order of two routes of one method, as a depth-first walk of `Router`'s trie meets them:
 * decided at the first step where they part, or, when one continues the other, shorter first.
 */
function compare(one: Entry<unknown>, other: Entry<unknown>): number {
  const length = Math.min(one.places.length, other.places.length);
  for (let i = 0; i < length; i++) {
    if (one.places[i] === other.places[i]) continue;
    const a = one.order[i]!;
    const b = other.order[i]!;
    for (let j = 0; j < a.length; j++) {
      if (a[j] !== b[j]) return a[j]! < b[j]! ? -1 : 1;
    }
  }
  return one.places.length - other.places.length;
}

/**
 * A router that tries its routes one after the other, in priority order, each with the matching
 * code `Router`'s trie uses for one of its branches. It answers exactly as `Router` does, with
 * the same grammar, priorities, options and results, at a cost that grows with the number of
 * routes: it suits a handful of routes, and it is the reference the trie is compared against.
 */
export class LinearRouter<T> extends RouterCore<T, RouteList<T>> {
  constructor(options: LinearRouterOptions = {}) {
    super(options);
  }

  lookup(method: string, requested: string): LookupResult<T> {
    const path = this.ignoreDuplicateSlashes ? mergeSlashes(requested) : requested;
    return this.resolve(this.tables.get(method), path, false, false);
  }

  protected createTable(): RouteList<T> {
    return new RouteList<T>();
  }

  protected place(list: RouteList<T>, route: StoredRoute<T>, plan: RoutePlan): void {
    const root = new Node<T>();
    insert(root, plan.steps, this.caseSensitive).leaf = route;
    const keys: string[] = [];
    const places: string[] = [];
    const order: StepOrder[] = [];
    let node = root;
    for (const step of plan.steps) {
      if ('label' in step) {
        keys.push(`=${step.label}`);
        order.push([0, step.label]);
        node = node.children.nodes[0]!;
      } else {
        keys.push(step.key);
        const place = JSON.stringify(keys);
        let birth = list.births.get(place);
        if (birth === undefined) {
          birth = { seq: list.seq++, users: 0 };
          list.births.set(place, birth);
        }
        birth.users++;
        const edge = node.edges[0]!;
        order.push([1, edge.rank, -edge.literalLength, birth.seq]);
        node = edge.child;
      }
      places.push(JSON.stringify(keys));
    }
    const entry: Entry<T> = { route, root, places, order };
    const entries = list.entries;
    let at = entries.length;
    while (at > 0 && compare(entries[at - 1]!, entry) > 0) at--;
    entries.splice(at, 0, entry);
  }

  protected displace(list: RouteList<T>, route: StoredRoute<T>): boolean {
    const at = list.entries.findIndex((entry) => entry.route === route);
    const [entry] = list.entries.splice(at, 1);
    for (const place of entry!.places) {
      const birth = list.births.get(place);
      if (birth !== undefined && --birth.users === 0) list.births.delete(place);
    }
    return list.entries.length === 0;
  }

  protected changed(): void {}

  protected search(
    list: RouteList<T>,
    clean: string,
    key: string,
    encoded: boolean,
    _staticsAsked: boolean,
    matcher: Matcher<T>,
  ): FoundRoute<T> | null {
    const record = firstMatch(list, clean, key, encoded, matcher, PREPARED);
    return record === null ? null : this.found(record, matcher.values);
  }

  protected searchLeniently(
    list: RouteList<T>,
    clean: string,
    key: string,
    encoded: boolean,
    matcher: Matcher<T>,
  ): RouteRecord<T> | null {
    return firstMatch(list, clean, key, encoded, matcher, LENIENT);
  }
}

/** The first route in priority order whose own trie the walk matches, in the walk's mode. */
function firstMatch<T>(
  list: RouteList<T>,
  clean: string,
  key: string,
  encoded: boolean,
  matcher: Matcher<T>,
  mode: WalkMode,
): RouteRecord<T> | null {
  for (const entry of list.entries) {
    const record = matcher.walk(entry.root, clean, key, encoded, mode);
    if (record !== null && record !== NEEDS_CARE) return record;
  }
  return null;
}
