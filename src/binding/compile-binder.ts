import { httpError } from '../http/http-error.js';
import { type BodyLimits, parseUrlEncoded, type ReaderRegistry } from '../http/readers/index.js';
import type { BindSource } from './bind-source.js';
import type { BinderOptions, PolicySource } from './binder-options.js';
import { BodyPart, type ReadBody } from './body-part.js';
import type { BindDeclaration, BindSourceName, BoundInput } from './bound-input.js';
import { BoundRequest } from './bound-request.js';
import { nestBrackets } from './bracket-keys.js';
import type { UnknownPolicy } from './coercion-plan.js';
import { type CheckAll, compileCheckAll } from './combined-check.js';
import { checkDeclaration } from './declaration-check.js';
import { BindingDeclarationError } from './declaration-error.js';
import { compileDeclaredCookies, type DeclaredCookiesReader } from './declared-cookies.js';
import { compileDeclaredQuery, type DeclaredQueryReader } from './declared-query.js';
import { registerBuiltInFormats } from './formats.js';
import { Problems, summarize } from './problems.js';
import type { SchemaLike } from './schema-like.js';
import { coercePart, compileSourcePart, type SourcePart, type SourcePartOptions } from './source-part.js';

/** A route's compiled binder. */
export interface Binder<D extends BindDeclaration = BindDeclaration, P = Record<string, unknown>> {
  /** Whether `bind` reads the body (and so returns a promise when the request has one). */
  readonly needsBody: boolean;
  /**
   * Binds every declared source, then validates them all. Returns the input synchronously
   * when there is no body to read and every schema validates synchronously; otherwise a promise.
   * Fails with an HttpError: 400 BND_ERR_VALIDATION listing every problem, or the reader's
   * 400/413/415 for a body it cannot read.
   */
  bind(src: BindSource): BoundInput<D, P> | Promise<BoundInput<D, P>>;
  /**
   * `bind`, then `next` with the input and the source, in the same step: a request whose body
   * is read goes on to `next` without waiting for a promise of the input first. Returns what
   * `next` returns (or a promise of it); fails as `bind` does.
   */
  bindThen<S extends BindSource, T>(
    src: S,
    next: (input: BoundInput<D, P>, src: S) => T | Promise<T>,
  ): T | Promise<T>;
}

/** `bind` is `bindThen` with nothing after it. */
const same = <I>(input: I): I => input;

/**
 * Compiles a route's declaration into a binder: schemas are checked, validators compiled and
 * coercion plans built here, once. Declaration mistakes throw a BindingDeclarationError naming
 * the route.
 */
export function compileBinder<D extends BindDeclaration>(declaration: D, options: BinderOptions): Binder<D> {
  registerBuiltInFormats();
  const { schemas, policy, limits } = checkDeclaration(declaration, options);
  try {
    return new CompiledBinder<D>(schemas, policy, options.readers, limits);
  } catch (error) {
    throw new BindingDeclarationError(
      options.route,
      `a schema could not be compiled: ${(error as Error).message}`,
    );
  }
}

const lowerCase = (key: string): string => key.toLowerCase();

class CompiledBinder<D extends BindDeclaration> implements Binder<D> {
  readonly needsBody: boolean;
  private readonly path: SourcePart | undefined;
  private readonly query: SourcePart | undefined;
  private readonly declaredQuery: DeclaredQueryReader | undefined;
  private readonly headers: SourcePart | undefined;
  private readonly cookies: SourcePart | undefined;
  private readonly declaredCookies: DeclaredCookiesReader | undefined;
  private readonly body: BodyPart | undefined;
  /** Every declared source in one check, when they are all TypeBox: the valid request's path. */
  private readonly checkAll: CheckAll | undefined;

  constructor(
    schemas: Partial<Record<BindSourceName, SchemaLike>>,
    policy: Record<PolicySource, UnknownPolicy>,
    readers: ReaderRegistry,
    limits: BodyLimits,
  ) {
    const part = (
      location: 'path' | 'query' | 'header' | 'cookie',
      schema: SchemaLike | undefined,
      options: SourcePartOptions,
    ) => (schema === undefined ? undefined : compileSourcePart(location, schema, options));
    this.path = part('path', schemas.path, { policy: 'keep', collectionFormat: 'multi' });
    this.query = part('query', schemas.query, { policy: policy.query, collectionFormat: 'multi' });
    this.declaredQuery = compileDeclaredQuery(schemas.query, policy.query);
    // HTTP list headers (Accept, Cache-Control…) are comma-separated, so header arrays default to csv.
    this.headers = part('header', schemas.headers, {
      policy: policy.headers,
      collectionFormat: 'csv',
      lookup: lowerCase,
    });
    this.cookies = part('cookie', schemas.cookies, { policy: policy.cookies, collectionFormat: 'multi' });
    this.declaredCookies = compileDeclaredCookies(schemas.cookies, policy.cookies);
    this.body =
      schemas.body === undefined ? undefined : new BodyPart(schemas.body, policy.body, readers, limits);
    this.needsBody = this.body !== undefined;
    const declared = (['path', 'query', 'headers', 'cookies', 'body'] as const).filter(
      (name) => schemas[name] !== undefined,
    );
    this.checkAll = compileCheckAll(
      {
        path: this.path?.schema,
        query: this.query?.schema,
        headers: this.headers?.schema,
        cookies: this.cookies?.schema,
        body: this.body?.schema,
      },
      declared,
    );
  }

  bind(src: BindSource): BoundInput<D> | Promise<BoundInput<D>> {
    return this.bindThen(src, same);
  }

  bindThen<S extends BindSource, T>(
    src: S,
    next: (input: BoundInput<D>, src: S) => T | Promise<T>,
  ): T | Promise<T> {
    const problems = new Problems();
    const path = this.path === undefined ? src.params : coercePart(this.path, src.params, problems);
    const query =
      this.query === undefined ? undefined : coercePart(this.query, this.queryRecord(src.rawQuery), problems);
    const headers =
      this.headers === undefined ? src.headers : coercePart(this.headers, src.headers, problems);
    const cookies =
      this.cookies === undefined ? undefined : coercePart(this.cookies, this.cookieRecord(src), problems);
    const body = this.body;
    if (body === undefined) {
      return andThen(this.finish(src, problems, path, query, headers, cookies, undefined), src, next);
    }
    const then = (read: ReadBody) =>
      andThen(
        this.finish(src, problems, path, query, headers, cookies, body.coerce(read, problems)),
        src,
        next,
      );
    return body.read(src, then);
  }

  /** The query as its binding step reads it: the declared names only, when that is enough. */
  private queryRecord(text: string): Record<string, unknown> {
    return this.declaredQuery?.(text) ?? nestBrackets(parseUrlEncoded(text));
  }

  /** The cookies as their binding step reads them: the declared names only, when that is enough. */
  private cookieRecord(src: BindSource): Record<string, string | undefined> {
    return this.declaredCookies === undefined ? src.cookies : this.declaredCookies(src.headers.cookie);
  }

  /** The one validation pass: every declared source, then every problem in one answer. */
  private finish(
    src: BindSource,
    problems: Problems,
    path: unknown,
    query: unknown,
    headers: unknown,
    cookies: unknown,
    body: unknown,
  ): BoundInput<D> | Promise<BoundInput<D>> {
    // Each validator gives back the value it was handed when it is valid, so a request that
    // coerced cleanly and passes the one check is bound as the validators would bind it.
    if (
      this.checkAll !== undefined &&
      problems.items === undefined &&
      this.checkAll({ path, query, headers, cookies, body })
    ) {
      return output<D>(src, problems, path, query, headers, cookies, body);
    }
    const p = this.path === undefined ? path : validatePath(this.path, path, src.params, problems);
    const q = this.query === undefined ? query : this.query.validate(query, problems);
    const h = this.headers === undefined ? headers : this.headers.validate(headers, problems);
    const c = this.cookies === undefined ? cookies : this.cookies.validate(cookies, problems);
    const b = this.body === undefined ? undefined : this.body.validate(body, problems);
    if (
      p instanceof Promise ||
      q instanceof Promise ||
      h instanceof Promise ||
      c instanceof Promise ||
      b instanceof Promise
    ) {
      return Promise.all([p, q, h, c, b]).then(([p2, q2, h2, c2, b2]) =>
        output<D>(src, problems, p2, q2, h2, c2, b2),
      );
    }
    return output<D>(src, problems, p, q, h, c, b);
  }
}

/** Hands the bound input on: at once, or once an asynchronous validator has answered. */
function andThen<I, S, T>(
  input: I | Promise<I>,
  src: S,
  next: (input: I, src: S) => T | Promise<T>,
): T | Promise<T> {
  return input instanceof Promise ? input.then((bound) => next(bound, src)) : next(input, src);
}

/** A Standard Schema for the path sees every parameter; its output overrides the ones it names. */
function validatePath(part: SourcePart, value: unknown, params: unknown, problems: Problems): unknown {
  const checked = part.validate(value, problems);
  if (part.coerce !== undefined) return checked;
  const merge = (out: unknown) => ({ ...(params as object), ...(out as object) });
  return checked instanceof Promise ? checked.then(merge) : merge(checked);
}

function output<D extends BindDeclaration>(
  src: BindSource,
  problems: Problems,
  path: unknown,
  query: unknown,
  headers: unknown,
  cookies: unknown,
  body: unknown,
): BoundInput<D> {
  if (problems.items !== undefined) {
    const errors = problems.sorted();
    throw httpError('BND_ERR_VALIDATION', summarize(errors), { errors });
  }
  return new BoundRequest(src, path, query, headers, cookies, body) as unknown as BoundInput<D>;
}
