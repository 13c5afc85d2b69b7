import { compileWalk, FINAL_MISS } from './compiled-walk.js';
import type { FoundRoute, LookupResult } from './lookup-result.js';
import { type MacroFunction, registerMacroFunction } from './macro-functions.js';
import type { MacroDefinition, MacroParser, MacroValue } from './macros.js';
import { registerMacro } from './macros.js';
import { LENIENT, type Matcher, NEEDS_CARE, PREPARED, RAW } from './matcher.js';
import { MethodTree } from './method-tree.js';
import { mergeSlashes, needsCare, SLASH } from './path-text.js';
import type { RoutePlan } from './route-plan.js';
import { NOT_FOUND, RouterCore, type StoredRoute } from './router-core.js';
import type { RouterOptions } from './router-options.js';
import { detach, insert, type RouteRecord } from './trie.js';

/**
 * Maps `(method, path)` to the value registered for the best matching template, with typed,
 * percent-decoded path parameters: a trie per method with backtracking, a hash table for the
 * templates without parameters, and matching code generated from the trie.
 */
export class Router<T> extends RouterCore<T, MethodTree<T>> {
  /**
   * Registers a custom macro for every router and template: `{slug:slug}` then parses its
   * segment with `parse`, which returns the value or `undefined` when the segment does not fit.
   */
  static macro<N extends string>(
    name: N,
    definition: MacroParser<MacroValue<N>> | MacroDefinition<MacroValue<N>>,
  ): void {
    registerMacro(name, definition);
  }

  /**
   * Registers a function every macro can be followed by: `Router.macroFunction('even', () =>
   * (value) => Number(value) % 2 === 0)` makes `{n:int even()}` match even numbers only.
   */
  static macroFunction(name: string, create: MacroFunction): void {
    registerMacroFunction(name, create);
  }

  readonly codegen: boolean;

  constructor(options: RouterOptions = {}) {
    super(options);
    this.codegen = options.codegen ?? true;
  }

  /**
   * Resolves a request. `path` is the request target's path (a query string is ignored); a
   * static route is answered without allocating, a dynamic one allocates its params object.
   */
  lookup(method: string, requested: string): LookupResult<T> {
    const path = this.ignoreDuplicateSlashes ? mergeSlashes(requested) : requested;
    const tree = method === 'GET' ? this.getTable : this.tables.get(method);
    let settled = false;
    let asked = false;
    if (tree !== undefined) {
      const last = path.length - 1;
      if (
        tree.dynamic !== 0 &&
        this.caseSensitive &&
        this.matcher.inUserCode === 0 &&
        last > 0 &&
        path.charCodeAt(last) !== SLASH &&
        path.charCodeAt(0) === SLASH
      ) {
        // Optimistic pass on the path as received: most paths have no query, escape or trailing
        // slash, and the walk itself notices when one of its parameters holds `%`, `?` or `#`.
        const matcher = this.matcher;
        let walk = tree.walk;
        if (walk === undefined) {
          // Generated on the first lookup after a change, so registering many routes stays linear.
          walk = tree.walk = this.codegen ? compileWalk(tree.root, matcher, this.maxParamLength) : null;
        }
        let record: RouteRecord<T> | null | typeof NEEDS_CARE | typeof FINAL_MISS;
        if (walk === null) {
          const hit = tree.staticHit(path);
          if (hit !== undefined) return hit;
          asked = true;
          record = matcher.walk(tree.root, path, path, false, RAW);
        } else {
          // The generated code spells out the static routes too, so a miss (a scanner's 404)
          // costs one pass through it rather than a hash of the path first.
          record = walk(path, matcher.values);
        }
        if (record === null || record === FINAL_MISS) {
          // A miss on a path without query, fragment or escape is final unless `'*'` routes or
          // `else` rejections remain to be asked. The generated walk often knows it is final
          // already; otherwise the path is scanned.
          if (
            this.anyTable === undefined &&
            this.rejecting === 0 &&
            (record === FINAL_MISS || !needsCare(path, 1))
          ) {
            return NOT_FOUND;
          }
          settled = true;
        } else if (record !== NEEDS_CARE) return this.found(record, matcher.values);
      } else {
        const hit = tree.staticHit(path);
        if (hit !== undefined) return hit;
        asked = true;
      }
    }
    return this.resolve(tree, path, settled, asked);
  }

  protected createTable(): MethodTree<T> {
    return new MethodTree<T>();
  }

  protected place(tree: MethodTree<T>, route: StoredRoute<T>, plan: RoutePlan): void {
    insert(tree.root, plan.steps, this.caseSensitive).leaf = route;
    if (plan.staticPath !== null) tree.addStatic(plan.staticPath, route.hit);
    if (plan.names.length > 0) tree.dynamic++;
  }

  protected displace(tree: MethodTree<T>, _route: StoredRoute<T>, plan: RoutePlan): boolean {
    detach(tree.root, plan.steps);
    if (plan.staticPath !== null) tree.removeStatic(plan.staticPath);
    if (plan.names.length > 0) tree.dynamic--;
    return tree.root.isEmpty();
  }

  protected changed(tree: MethodTree<T>): void {
    tree.walk = undefined;
  }

  protected search(
    tree: MethodTree<T>,
    clean: string,
    key: string,
    encoded: boolean,
    staticsAsked: boolean,
    matcher: Matcher<T>,
  ): FoundRoute<T> | null {
    if (!encoded) {
      if (!staticsAsked) {
        const hit = tree.staticHit(key);
        if (hit !== undefined) return hit;
      }
      if (tree.dynamic === 0) return null;
    }
    const record = matcher.walk(tree.root, clean, key, encoded, PREPARED);
    return record === null || record === NEEDS_CARE ? null : this.found(record, matcher.values);
  }

  protected searchLeniently(
    tree: MethodTree<T>,
    clean: string,
    key: string,
    encoded: boolean,
    matcher: Matcher<T>,
  ): RouteRecord<T> | null {
    const record = matcher.walk(tree.root, clean, key, encoded, LENIENT);
    return record === NEEDS_CARE ? null : record;
  }
}
