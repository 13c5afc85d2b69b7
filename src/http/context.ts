import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseCookies } from 'cookie';
import type { Logger } from 'pino';
import { TraceContext } from '../tracing/index.js';
import type { CompressionSettings } from './compression.js';
import { setHeaderChecked } from './header-values.js';
import { BodyState } from './readers/index.js';

/** Writes one value as JSON text, shaped by a response schema. */
export type JsonSerializer = (value: unknown) => string;

/**
 * A route's JSON writers by status, for the statuses whose declared response has a schema. `ok`
 * is the 200 one (most answers), read as a field rather than looked up.
 */
export interface ResponseSerializers extends ReadonlyMap<number, JsonSerializer> {
  readonly ok: JsonSerializer | undefined;
}

/** What a Context knows about the route that matched (filled in after routing). */
export interface RouteInfo {
  readonly method: string;
  /** The full template, root included: `/shops/{shopId:int}/orders`. */
  readonly template: string;
  readonly operationId: string | undefined;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** JSON writers compiled from the route's declared response schemas, by status. */
  readonly serializers: ResponseSerializers | undefined;
}

/** Per-container facts every Context needs; shared, never copied per request. */
export interface ContextShared {
  readonly logger: Logger;
  /** Header whose value, when present and sane, becomes the request id. */
  readonly requestIdHeader: string | false;
  /** The `Allow` header route selection gives an OPTIONS request for a path (and Host). */
  readonly allow: (path: string, headers: IncomingHttpHeaders) => string;
}

/** Work to run when a request ends: a function, or anything with `dispose()`. */
export type Cleanup = (() => unknown) | { dispose(): unknown };

const requestIdPattern = /^[\w.:/+=@-]{1,200}$/;

/** Params before routing (and of static routes): one shared empty object, not one per request. */
const NO_PARAMS = Object.freeze({});

/**
 * One request on its way through the pipeline. The shape is fixed and every costly view
 * (query, cookies, id, logger, state) is built on first use, so a request that never asks
 * for them never pays for them.
 */
export class Context<P = Record<string, unknown>> {
  // Fields are declared here and all set in the constructor: one object of one shape per
  // request, without the per-field definitions class-field initializers compile to.
  declare readonly req: IncomingMessage;
  declare readonly res: ServerResponse;
  declare readonly method: string;
  declare readonly path: string;
  /** The text after `?`, without it; '' when there is none. */
  declare readonly rawQuery: string;
  declare params: P;
  declare route: RouteInfo | undefined;
  /** Response status the writer uses when the result does not set one. */
  declare status: number;
  /** Media type chosen by negotiation for this response. */
  declare responseType: string | undefined;
  /** What the handler answered; filters may read or replace it after `next()`. */
  declare result: unknown;
  /** Set by the compression filter: the writer then encodes bodies the client accepts. */
  declare compression: CompressionSettings | undefined;

  declare private readonly shared: ContextShared;
  declare private queryView: URLSearchParams | undefined;
  declare private cookieView: Record<string, string | undefined> | undefined;
  declare private idValue: string | undefined;
  declare private traceValue: TraceContext | undefined;
  declare private logView: Logger | undefined;
  declare private stateView: Record<string, unknown> | undefined;
  declare private bodyState: BodyState | undefined;
  /** Most requests defer at most one thing (their dependency scope): it needs no array. */
  declare private firstCleanup: Cleanup | undefined;
  declare private moreCleanups: Cleanup[] | undefined;

  constructor(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    rawQuery: string,
    shared: ContextShared,
  ) {
    this.req = req;
    this.res = res;
    this.method = req.method ?? 'GET';
    this.path = path;
    this.rawQuery = rawQuery;
    this.params = NO_PARAMS as P;
    this.route = undefined;
    this.status = 200;
    this.responseType = undefined;
    this.result = undefined;
    this.compression = undefined;
    this.shared = shared;
    this.queryView = undefined;
    this.cookieView = undefined;
    this.idValue = undefined;
    this.traceValue = undefined;
    this.logView = undefined;
    this.stateView = undefined;
    this.bodyState = undefined;
    this.firstCleanup = undefined;
    this.moreCleanups = undefined;
  }

  get headers(): IncomingHttpHeaders {
    return this.req.headers;
  }

  /** One request header, lower-case name; repeated headers are joined by Node already. */
  header(name: string): string | undefined {
    const value = this.req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  /** The query string; repeated keys are kept (`getAll`). */
  get query(): URLSearchParams {
    this.queryView ??= new URLSearchParams(this.rawQuery);
    return this.queryView;
  }

  get cookies(): Record<string, string | undefined> {
    if (this.cookieView === undefined) {
      const header = this.req.headers.cookie;
      this.cookieView = header === undefined ? {} : parseCookies(header);
    }
    return this.cookieView;
  }

  /** The request id: the incoming header when it is sane, a fresh UUID otherwise. */
  get id(): string {
    if (this.idValue === undefined) {
      const name = this.shared.requestIdHeader;
      const incoming = name === false ? undefined : this.req.headers[name];
      this.idValue =
        typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
    }
    return this.idValue;
  }

  set id(value: string) {
    this.idValue = value;
  }

  /**
   * The request's W3C trace context: a child of a valid incoming `traceparent` (with its
   * `tracestate`), or a new trace when the header is absent or invalid. Binding calls made for
   * the request carry children of it. With an OpenTelemetry SDK it is the request span's.
   */
  get trace(): TraceContext {
    this.traceValue ??= TraceContext.continueFrom(this.header('traceparent'), this.header('tracestate'));
    return this.traceValue;
  }

  set trace(value: TraceContext) {
    this.traceValue = value;
  }

  /** A child logger bound to this request's id and trace id. */
  get log(): Logger {
    this.logView ??= this.shared.logger.child({ reqId: this.id, traceId: this.trace.traceId });
    return this.logView;
  }

  /** Free-form per-request storage for filters and handlers. */
  get state(): Record<string, unknown> {
    this.stateView ??= {};
    return this.stateView;
  }

  /** The body cache: raw bytes and the parsed value, so the body can be read more than once. */
  get body(): BodyState {
    this.bodyState ??= new BodyState();
    return this.bodyState;
  }

  /**
   * Sets a response header; filters and handlers use it instead of touching `res`. A name or
   * value HTTP does not allow (a CR, LF or NUL) throws a 400 naming the header.
   */
  setHeader(name: string, value: string | number | readonly string[]): this {
    setHeaderChecked(this.res, name, value);
    return this;
  }

  /**
   * The `Allow` header for this request's path and Host: every method routed there, HEAD with
   * GET, and OPTIONS (what a CORS preflight answers).
   */
  allow(): string {
    return this.shared.allow(this.path, this.req.headers);
  }

  /**
   * Runs `cleanup` when the request ends, whatever the outcome (temp files, request-scoped
   * disposers). An object with `dispose()` is taken as is, so callers need no closure.
   */
  defer(cleanup: Cleanup): void {
    if (this.firstCleanup === undefined) this.firstCleanup = cleanup;
    else if (this.moreCleanups === undefined) this.moreCleanups = [cleanup];
    else this.moreCleanups.push(cleanup);
  }

  /**
   * Runs the deferred cleanups, newest first. They start one after the other without waiting
   * for each other; failures (thrown or rejected) are logged, never thrown. Returns a promise
   * only when some cleanup was asynchronous.
   */
  cleanup(): Promise<void> | undefined {
    const first = this.firstCleanup;
    if (first === undefined) return undefined;
    const more = this.moreCleanups;
    this.firstCleanup = undefined;
    this.moreCleanups = undefined;
    let pending: Promise<unknown>[] | undefined;
    if (more !== undefined) {
      for (let i = more.length - 1; i >= 0; i--) pending = this.runCleanup(more[i]!, pending);
    }
    pending = this.runCleanup(first, pending);
    return pending === undefined ? undefined : Promise.all(pending).then(() => undefined);
  }

  private runCleanup(item: Cleanup, pending: Promise<unknown>[] | undefined): Promise<unknown>[] | undefined {
    try {
      const outcome = typeof item === 'function' ? item() : item.dispose();
      if (!(outcome instanceof Promise)) return pending;
      const settled = outcome.catch((error: unknown) => this.cleanupFailed(error));
      if (pending === undefined) return [settled];
      pending.push(settled);
    } catch (error) {
      this.cleanupFailed(error);
    }
    return pending;
  }

  private cleanupFailed(error: unknown): void {
    this.log.warn({ err: error }, 'request cleanup failed');
  }

  get hasCleanups(): boolean {
    return this.firstCleanup !== undefined;
  }
}
