import { withCode } from '../http/startup-error.js';
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
import { Matcher } from './matcher.js';
import { paramsFactory } from './params-factory.js';
import { foldCase, mergeSlashes, SLASH } from './path-text.js';
import { planRoute, type RoutePlan, samePlan } from './route-plan.js';
import type { RouteTable } from './route-table.js';
import {
  ANY_METHOD,
  checkMethod,
  type RouterOptions,
  STANDARD_METHODS,
  type TrailingSlashPolicy,
} from './router-options.js';
import { parseTemplate } from './template-parser.js';
import type { RouteRecord } from './trie.js';

export const NOT_FOUND: RouteNotFound = Object.freeze({ kind: 'not-found' });
const EMPTY_PARAMS: RouteParams = Object.freeze({});

/**
 * A registered route as a router keeps it: its trie record. The plan it was placed by is not
 * kept (its steps hold the parsed template, several hundred bytes a route): `remove` plans the
 * stored template again, which gives the same plans in the same order.
 */
export interface StoredRoute<T> extends RouteRecord<T> {
  /** False for the short form of a template with an optional last segment. */
  readonly primary: boolean;
}

/**
 * What every router of this folder shares, whatever structure answers its lookups: options,
 * registration (plans, conflicts, exact removal), the careful pass of a lookup (query, trailing
 * slash, case, escapes, `'*'` routes, `else` rejections) and `allowed`. A subclass keeps one
 * `Table` per method and says how routes go in and out of it and how it is searched.
 */
export abstract class RouterCore<T, Table> implements RouteTable<T> {
  readonly trailingSlash: TrailingSlashPolicy;
  readonly caseSensitive: boolean;
  readonly maxParamLength: number;
  readonly ignoreDuplicateSlashes: boolean;

  protected readonly tables = new Map<string, Table>();
  /** The GET and `'*'` tables, kept out of the map for the two lookups nearly every request makes. */
  protected getTable: Table | undefined;
  protected anyTable: Table | undefined;
  /** Routes whose parameters have an `else` status; without any, a miss needs no rejection pass. */
  protected rejecting = 0;
  protected readonly matcher: Matcher<T>;
  /** Every route by method and shape, in registration order. */
  private readonly registry = new Map<string, StoredRoute<T>>();

  constructor(options: RouterOptions) {
    const {
      trailingSlash = 'ignore',
      caseSensitive = true,
      maxParamLength = 100,
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
    this.ignoreDuplicateSlashes = ignoreDuplicateSlashes;
    this.matcher = new Matcher(maxParamLength, caseSensitive);
  }

  abstract lookup(method: string, path: string): LookupResult<T>;
  protected abstract createTable(): Table;
  protected abstract place(table: Table, route: StoredRoute<T>, plan: RoutePlan): void;
  /** Takes the route, placed by `plan`, out of the table; true when the table is left empty. */
  protected abstract displace(table: Table, route: StoredRoute<T>, plan: RoutePlan): boolean;
  /** Called once after `add` or `remove` changed the table. */
  protected abstract changed(table: Table): void;
  /**
   * The answer for the prepared path (`clean`: no query, canonical; `key`: folded when case is
   * ignored; `encoded`: holds `%`), or null; `matcher` collects the parameter values.
   * `staticsAsked` says the table's static routes were already asked for `key`.
   */
  protected abstract search(
    table: Table,
    clean: string,
    key: string,
    encoded: boolean,
    staticsAsked: boolean,
    matcher: Matcher<T>,
  ): FoundRoute<T> | null;
  /**
   * The first route, in the order `search` tries them, whose only failures are macros with an
   * `else` status (a `LENIENT` walk: `matcher.failIndex` names the first failure), or null.
   */
  protected abstract searchLeniently(
    table: Table,
    clean: string,
    key: string,
    encoded: boolean,
    matcher: Matcher<T>,
  ): RouteRecord<T> | null;

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
    let table = this.tables.get(method);
    if (table === undefined) {
      table = this.createTable();
      this.tables.set(method, table);
      this.cacheTables();
    }
    for (let index = 0; index < plans.length; index++) {
      const plan = plans[index]!;
      const params =
        plan.empty.length === 0 ? EMPTY_PARAMS : Object.freeze(paramsFactory([], plan.empty)([]));
      const hit: FoundRoute<T> = Object.freeze({ kind: 'found', value, params, template });
      const route: StoredRoute<T> = {
        method,
        template,
        value,
        names: plan.names,
        params: paramsFactory(plan.names, plan.empty),
        hit,
        primary: index === 0,
      };
      this.place(table, route, plan);
      if (plan.rejects) this.rejecting++;
      this.registry.set(ids[index]!, route);
    }
    this.changed(table);
    return this;
  }

  /** Removes the route registered for `method` and `template`; false when there is none. */
  remove(method: string, template: string): boolean {
    const plans = this.plan(template);
    const ids = plans.map((plan) => `${method} ${plan.shape}`);
    const table = this.tables.get(method);
    const routes = ids.map((id) => this.registry.get(id));
    if (
      table === undefined ||
      !routes.every(
        // The same template plans the same; another one of the same shape (other names) is planned.
        (route, i) =>
          route !== undefined &&
          (route.template === template ||
            samePlan(this.plan(route.template)[route.primary ? 0 : 1]!, plans[i]!)),
      )
    ) {
      return false;
    }
    let empty = false;
    for (const [index, route] of routes.entries()) {
      // The same plan the route was placed by: `samePlan` held above.
      const plan = plans[index]!;
      empty = this.displace(table, route!, plan);
      if (plan.rejects) this.rejecting--;
      this.registry.delete(ids[index]!);
    }
    this.changed(table);
    if (empty) {
      this.tables.delete(method);
      this.cacheTables();
    }
    return true;
  }

  /** Every route, in registration order. */
  routes(): RouteEntry<T>[] {
    return Array.from(this.registry.values()).flatMap(({ method, template, value, primary }) =>
      primary ? [{ method, template, value }] : [],
    );
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
    for (const [method, table] of this.tables) {
      if (this.search(table, clean, key, encoded, false, this.freeMatcher()) === null) continue;
      if (method === ANY_METHOD) for (const standard of STANDARD_METHODS) methods.add(standard);
      else methods.add(method);
    }
    return [...methods].sort();
  }

  /**
   * The careful pass: query and fragment cut, trailing slash per policy, case folded, escapes
   * decoded, then the `'*'` routes and the `else` rejections. `settled` says a first pass
   * already missed in the method's own table, which is final when the path needed no care;
   * `asked` that it asked the static routes for `path` itself.
   */
  protected resolve(
    table: Table | undefined,
    path: string,
    settled: boolean,
    asked: boolean,
  ): LookupResult<T> {
    const clean = this.canonical(path);
    if (clean === null) return NOT_FOUND;
    const key = this.caseSensitive ? clean : foldCase(clean);
    const encoded = clean.indexOf('%') !== -1;
    const any = this.anyTable;
    let found: FoundRoute<T> | null = null;
    if (table !== undefined && !(settled && clean === path && !encoded)) {
      // The method's static routes were already asked for `path` itself.
      found = this.search(table, clean, key, encoded, asked && key === path, this.freeMatcher());
    }
    if (found === null && any !== undefined && any !== table)
      found = this.search(any, clean, key, encoded, false, this.freeMatcher());
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
      this.reject(table, clean, key, encoded) ??
      (any === table ? null : this.reject(any, clean, key, encoded)) ??
      NOT_FOUND
    );
  }

  /** The answer for a matched record: static ones are prebuilt, others get their params object. */
  protected found(record: RouteRecord<T>, values: readonly unknown[]): FoundRoute<T> {
    if (record.names.length === 0) return record.hit;
    return { kind: 'found', value: record.value, params: record.params(values), template: record.template };
  }

  /** The shared matcher, or a fresh one for a lookup made from inside a macro's own code. */
  protected freeMatcher(): Matcher<T> {
    return this.matcher.inUserCode === 0
      ? this.matcher
      : new Matcher<T>(this.maxParamLength, this.caseSensitive);
  }

  private cacheTables(): void {
    this.getTable = this.tables.get('GET');
    this.anyTable = this.tables.get(ANY_METHOD);
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

  /** Second pass after a miss: is there a template whose only failures are `else` macros? */
  private reject(
    table: Table | undefined,
    clean: string,
    key: string,
    encoded: boolean,
  ): RejectedRoute | null {
    if (table === undefined) return null;
    const matcher = this.freeMatcher();
    const record = this.searchLeniently(table, clean, key, encoded, matcher);
    if (record === null || matcher.failIndex === -1) return null;
    const param = record.names[matcher.failIndex]!;
    return { kind: 'rejected', status: matcher.failStatus, param, template: record.template };
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
