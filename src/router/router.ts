import { withCode } from '../http/startup-error.js';
import { compileWalk } from './compiled-walk.js';
import { RouteConflictError } from './errors.js';
import type {
  FoundRoute,
  LookupResult,
  RejectedRoute,
  RouteEntry,
  RouteMatch,
  RouteNotFound,
  RouteParams,
} from './lookup-result.js';
import { type MacroFunction, registerMacroFunction } from './macro-functions.js';
import type { MacroDefinition, MacroParser, MacroValue } from './macros.js';
import { registerMacro } from './macros.js';
import { LENIENT, Matcher, NEEDS_CARE, PREPARED, RAW } from './matcher.js';
import { MethodTree } from './method-tree.js';
import { paramsFactory } from './params-factory.js';
import { foldCase, mergeSlashes, needsCare, SLASH } from './path-text.js';
import { planRoute, type RoutePlan, samePlan } from './route-plan.js';
import { parseTemplate } from './template-parser.js';
import { detach, insert, type RouteRecord } from './trie.js';

/**
 * What a request path with a trailing slash gets when only the path without it is routed:
 * `strict` treats them as different paths, `ignore` answers it as if the slash were absent, and
 * `redirect` asks the caller to redirect to the canonical path.
 */
export type TrailingSlashPolicy = 'strict' | 'ignore' | 'redirect';

export interface RouterOptions {
  /** Default `'ignore'`. */
  readonly trailingSlash?: TrailingSlashPolicy;
  /** Whether literal text compares case-sensitively; parameter values keep their case. Default true. */
  readonly caseSensitive?: boolean;
  /** Longest raw (still encoded) text a segment parameter may have; longer does not match. Default 100. */
  readonly maxParamLength?: number;
  /**
   * Whether lookups run matching code generated from the routes (default true) rather than an
   * interpreted walk of the same trie; both answer alike. Where the runtime forbids generating
   * code from strings, the router falls back to the walk by itself.
   */
  readonly codegen?: boolean;
  /**
   * Whether runs of slashes in a request path count as one (`//a///b` is `/a/b`). Default false:
   * an empty segment is then part of the path and matches no parameter.
   */
  readonly ignoreDuplicateSlashes?: boolean;
}

/** The method that registers a route for every method; a route for the request's own method wins. */
export const ANY_METHOD = '*';

/** What `allowed()` reports for a path that an `ANY_METHOD` route matches. */
export const STANDARD_METHODS: readonly string[] = [
  'DELETE',
  'GET',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
];

const NOT_FOUND: RouteNotFound = Object.freeze({ kind: 'not-found' });
const EMPTY_PARAMS: RouteParams = Object.freeze({});
const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

interface Stored<T> extends RouteRecord<T> {
  readonly plan: RoutePlan;
  /** False for the short form of a template with an optional last segment. */
  readonly primary: boolean;
}

/**
 * Maps `(method, path)` to the value registered for the best matching template, with typed,
 * percent-decoded path parameters.
 */
export class Router<T> {
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

  readonly trailingSlash: TrailingSlashPolicy;
  readonly caseSensitive: boolean;
  readonly maxParamLength: number;
  readonly codegen: boolean;
  readonly ignoreDuplicateSlashes: boolean;

  private readonly trees = new Map<string, MethodTree<T>>();
  /** The GET and `'*'` trees, kept out of the map for the two lookups nearly every request makes. */
  private getTree: MethodTree<T> | undefined;
  private anyTree: MethodTree<T> | undefined;
  /** Every route by method and shape, in registration order. */
  private readonly registry = new Map<string, Stored<T>>();
  private readonly matcher: Matcher<T>;
  private rejecting = 0;

  constructor(options: RouterOptions = {}) {
    const {
      trailingSlash = 'ignore',
      caseSensitive = true,
      maxParamLength = 100,
      codegen = true,
      ignoreDuplicateSlashes = false,
    } = options;
    if (trailingSlash !== 'strict' && trailingSlash !== 'ignore' && trailingSlash !== 'redirect') {
      throw withCode(
        new TypeError(`trailingSlash must be "strict", "ignore" or "redirect", got ${String(trailingSlash)}`),
        'BND_ERR_INVALID_OPTION',
      );
    }
    if (!Number.isInteger(maxParamLength) || maxParamLength < 1) {
      throw withCode(
        new TypeError(`maxParamLength must be a positive integer, got ${String(maxParamLength)}`),
        'BND_ERR_INVALID_OPTION',
      );
    }
    this.trailingSlash = trailingSlash;
    this.caseSensitive = caseSensitive;
    this.maxParamLength = maxParamLength;
    this.codegen = codegen;
    this.ignoreDuplicateSlashes = ignoreDuplicateSlashes;
    this.matcher = new Matcher(maxParamLength, caseSensitive);
  }

  /**
   * Registers `value` for `method` (case-sensitive, as HTTP has it, or `'*'`) and `template`.
   * Throws a `TemplateError` for a malformed template and a `RouteConflictError` naming both
   * templates when one of the same shape is already registered for the method.
   */
  add(method: string, template: string, value: T): this {
    checkMethod(method);
    const plans = this.plan(template);
    const ids = plans.map((plan) => `${method} ${plan.shape}`);
    for (const id of ids) {
      const existing = this.registry.get(id);
      if (existing !== undefined) throw new RouteConflictError(method, template, existing.template);
    }
    let tree = this.trees.get(method);
    if (tree === undefined) {
      tree = new MethodTree<T>();
      this.trees.set(method, tree);
      this.cacheTrees();
    }
    plans.forEach((plan, index) => {
      const params =
        plan.empty.length === 0 ? EMPTY_PARAMS : Object.freeze(paramsFactory([], plan.empty)([]));
      const hit: FoundRoute<T> = Object.freeze({ kind: 'found', value, params, template });
      const record: Stored<T> = {
        method,
        template,
        value,
        names: plan.names,
        params: paramsFactory(plan.names, plan.empty),
        hit,
        plan,
        primary: index === 0,
      };
      insert(tree.root, plan.steps, this.caseSensitive).leaf = record;
      if (plan.staticPath !== null) tree.addStatic(plan.staticPath, hit);
      if (plan.names.length > 0) tree.dynamic++;
      if (plan.rejects) this.rejecting++;
      this.registry.set(ids[index]!, record);
    });
    tree.walk = undefined;
    return this;
  }

  /** Removes the route registered for `method` and `template`; false when there is none. */
  remove(method: string, template: string): boolean {
    const plans = this.plan(template);
    const ids = plans.map((plan) => `${method} ${plan.shape}`);
    const tree = this.trees.get(method);
    const records = ids.map((id) => this.registry.get(id));
    if (
      tree === undefined ||
      !records.every((record, i) => record !== undefined && samePlan(record.plan, plans[i]!))
    ) {
      return false;
    }
    for (const [index, plan] of plans.entries()) {
      detach(tree.root, plan.steps);
      if (plan.staticPath !== null) tree.removeStatic(plan.staticPath);
      if (plan.names.length > 0) tree.dynamic--;
      if (plan.rejects) this.rejecting--;
      this.registry.delete(ids[index]!);
    }
    tree.walk = undefined;
    if (tree.root.isEmpty()) {
      this.trees.delete(method);
      this.cacheTrees();
    }
    return true;
  }

  /** Every route, in registration order. */
  routes(): RouteEntry<T>[] {
    return Array.from(this.registry.values()).flatMap(({ method, template, value, primary }) =>
      primary ? [{ method, template, value }] : [],
    );
  }

  /**
   * Resolves a request. `path` is the request target's path (a query string is ignored); a
   * static route is answered without allocating, a dynamic one allocates its params object.
   */
  lookup(method: string, requested: string): LookupResult<T> {
    const path = this.ignoreDuplicateSlashes ? mergeSlashes(requested) : requested;
    const tree = method === 'GET' ? this.getTree : this.trees.get(method);
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
        let record: RouteRecord<T> | null | typeof NEEDS_CARE;
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
        if (record === null) {
          // A miss on a path without query, fragment or escape is final unless `'*'` routes or
          // `else` rejections remain to be asked.
          if (this.anyTree === undefined && this.rejecting === 0 && !needsCare(path, 1)) return NOT_FOUND;
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

  /** The value and params of the route for `(method, path)`, or null for anything but a match. */
  find(method: string, path: string): RouteMatch<T> | null {
    const result = this.lookup(method, path);
    return result.kind === 'found' ? result : null;
  }

  /**
   * The registered methods whose templates match `path`, sorted; a `'*'` route adds
   * `STANDARD_METHODS`. HEAD is only listed when it was registered.
   */
  allowed(path: string): string[] {
    const clean = this.canonical(this.ignoreDuplicateSlashes ? mergeSlashes(path) : path);
    if (clean === null) return [];
    const key = this.caseSensitive ? clean : foldCase(clean);
    const encoded = clean.indexOf('%') !== -1;
    const methods = new Set<string>();
    for (const [method, tree] of this.trees) {
      if (this.search(tree, clean, key, encoded, false) === null) continue;
      if (method === ANY_METHOD) for (const standard of STANDARD_METHODS) methods.add(standard);
      else methods.add(method);
    }
    return [...methods].sort();
  }

  private cacheTrees(): void {
    this.getTree = this.trees.get('GET');
    this.anyTree = this.trees.get(ANY_METHOD);
  }

  private plan(template: string): RoutePlan[] {
    return planRoute(parseTemplate(template), this.trailingSlash === 'strict', this.caseSensitive);
  }

  /** The path without query, fragment and (unless strict) trailing slash; null if not a path. */
  private canonical(path: string): string | null {
    if (path.charCodeAt(0) !== SLASH) return null;
    let end = path.length;
    const query = path.indexOf('?');
    if (query !== -1) end = query;
    const hash = path.indexOf('#');
    if (hash !== -1 && hash < end) end = hash;
    if (end > 1 && path.charCodeAt(end - 1) === SLASH && this.trailingSlash !== 'strict') end--;
    return end === path.length ? path : path.slice(0, end);
  }

  /**
   * The careful pass: query and fragment cut, trailing slash per policy, case folded, escapes
   * decoded, then the `'*'` routes and the `else` rejections. `settled` says the optimistic
   * pass already missed in the method's own tree, which is final when the path needed no care.
   */
  private resolve(
    tree: MethodTree<T> | undefined,
    path: string,
    settled: boolean,
    asked: boolean,
  ): LookupResult<T> {
    const clean = this.canonical(path);
    if (clean === null) return NOT_FOUND;
    const key = this.caseSensitive ? clean : foldCase(clean);
    const encoded = clean.indexOf('%') !== -1;
    const any = this.anyTree;
    let found: FoundRoute<T> | null = null;
    if (tree !== undefined && !(settled && clean === path && !encoded)) {
      // The method's static map was already asked for `path` itself.
      found = this.search(tree, clean, key, encoded, asked && key === path);
    }
    if (found === null && any !== undefined && any !== tree)
      found = this.search(any, clean, key, encoded, false);
    if (found !== null) {
      if (
        this.trailingSlash === 'redirect' &&
        clean.length !== path.length &&
        path.charCodeAt(clean.length) === SLASH
      ) {
        return { kind: 'redirect', location: pathOnlyLocation(clean) };
      }
      return found;
    }
    if (this.rejecting === 0) return NOT_FOUND;
    return (
      this.reject(tree, clean, key, encoded) ??
      (any === tree ? null : this.reject(any, clean, key, encoded)) ??
      NOT_FOUND
    );
  }

  private search(
    tree: MethodTree<T>,
    clean: string,
    key: string,
    encoded: boolean,
    staticsAsked: boolean,
  ): FoundRoute<T> | null {
    if (!encoded) {
      if (!staticsAsked) {
        const hit = tree.staticHit(key);
        if (hit !== undefined) return hit;
      }
      if (tree.dynamic === 0) return null;
    }
    const matcher = this.freeMatcher();
    const record = matcher.walk(tree.root, clean, key, encoded, PREPARED);
    return record === null || record === NEEDS_CARE ? null : this.found(record, matcher.values);
  }

  /** The shared matcher, or a fresh one for a lookup made from inside a macro's own code. */
  private freeMatcher(): Matcher<T> {
    return this.matcher.inUserCode === 0
      ? this.matcher
      : new Matcher<T>(this.maxParamLength, this.caseSensitive);
  }

  /** The answer for a matched record: static ones are prebuilt, others get their params object. */
  private found(record: RouteRecord<T>, values: readonly unknown[]): FoundRoute<T> {
    if (record.names.length === 0) return record.hit;
    return { kind: 'found', value: record.value, params: record.params(values), template: record.template };
  }

  /** Second pass after a miss: is there a template whose only failures are `else` macros? */
  private reject(
    tree: MethodTree<T> | undefined,
    clean: string,
    key: string,
    encoded: boolean,
  ): RejectedRoute | null {
    if (tree === undefined) return null;
    const matcher = this.freeMatcher();
    const record = matcher.walk(tree.root, clean, key, encoded, LENIENT);
    if (record === null || record === NEEDS_CARE || matcher.failIndex === -1) return null;
    const param = record.names[matcher.failIndex]!;
    return { kind: 'rejected', status: matcher.failStatus, param, template: record.template };
  }
}

function checkMethod(method: string): void {
  if (typeof method !== 'string' || !METHOD.test(method)) {
    throw withCode(
      new TypeError(`invalid HTTP method ${JSON.stringify(method)}`),
      'BND_ERR_ROUTE_DECLARATION',
    );
  }
}

const BACKSLASH = 92;

/**
 * A redirect target made from a request path must stay on this site. `//host/x` (and `/\host`,
 * which browsers read the same way) is scheme-relative: sent as a Location it sends the client
 * to another host. Escaping the second character keeps the path's meaning on this site.
 */
function pathOnlyLocation(path: string): string {
  const second = path.charCodeAt(1);
  if (second !== SLASH && second !== BACKSLASH) return path;
  return `/${second === SLASH ? '%2F' : '%5C'}${path.slice(2)}`;
}
