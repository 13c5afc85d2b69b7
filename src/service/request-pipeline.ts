import type { IncomingMessage, ServerResponse } from 'node:http';
import { Context, type ContextShared } from '../http/context.js';
import { codeForStatus } from '../http/error-codes.js';
import { HttpError, httpError, isHttpError } from '../http/http-error.js';
import { redirect, status as statusResult } from '../http/results.js';
import { applyHeaders, type Serialize, sendProblem, sendResult } from '../http/send.js';
import { isStop } from '../inject/index.js';
import type { CompiledRoute } from './compiled-route.js';
import { type ErrorHandler, pickErrorHandler } from './error-handlers.js';
import { type Filter, runChain } from './filter.js';
import { type RouteSelector, serviceOf } from './select-route.js';
import type { WebService } from './web-service.js';

/** What the pipeline reads from its container; kept narrow so the hot path stays obvious. */
export interface PipelineState {
  readonly shared: ContextShared;
  readonly selector: RouteSelector;
  readonly filters: readonly Filter<never>[];
  readonly errorHandlers: ReadonlyMap<number | 'default', ErrorHandler>;
  readonly serialize: Serialize;
  readonly urlLength: number;
  /** The container's base for the problem `type` of application error codes. */
  readonly problemTypeBase: string | undefined;
}

/**
 * One request from node:http to the written answer: container filters around routing, the
 * route's own run, then one writer for results and one for failures.
 */
export class RequestPipeline {
  inFlight = 0;
  closing = false;
  private readonly routeStep = (ctx: Context<unknown>) => this.route(ctx);
  private readonly selected = new WeakMap<Context<unknown>, WebService | undefined>();

  constructor(private readonly state: PipelineState) {}

  handle(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const ctx = new Context<unknown>(
      req,
      res,
      q === -1 ? url : url.slice(0, q),
      q === -1 ? '' : url.slice(q + 1),
      this.state.shared,
    );
    this.inFlight++;
    if (this.closing) this.lastOnConnection(res);
    let outcome: unknown;
    try {
      if (url.length > this.state.urlLength) {
        throw httpError(
          'BND_ERR_URI_TOO_LONG',
          `The request target is over ${this.state.urlLength} characters`,
        );
      }
      outcome =
        this.state.filters.length === 0 ? this.route(ctx) : runChain(this.state.filters, ctx, this.routeStep);
    } catch (error) {
      outcome = Promise.reject(error);
    }
    if (outcome instanceof Promise) {
      outcome.then(
        () => this.respond(ctx),
        (error: unknown) => this.fail(ctx, error),
      );
    } else {
      this.respond(ctx);
    }
  }

  private route(ctx: Context<unknown>): unknown {
    const selection = this.state.selector.select(ctx.method, ctx.path, ctx.req.headers);
    // A failure answered below is told to the service selection named, without selecting again.
    if (selection.kind !== 'found') this.selected.set(ctx, serviceOf(selection));
    switch (selection.kind) {
      case 'found': {
        const route = selection.route;
        ctx.params = selection.params;
        ctx.route = route;
        ctx.responseType = selection.responseType;
        return route.run(ctx);
      }
      case 'redirect': {
        const location = ctx.rawQuery === '' ? selection.location : `${selection.location}?${ctx.rawQuery}`;
        ctx.result = redirect(location, selection.status);
        return undefined;
      }
      case 'rejected':
        throw new HttpError(selection.status, `Path parameter ${selection.param} is not valid`, {
          code: selection.status === 400 ? 'BND_ERR_PARAM_REJECTED' : codeForStatus(selection.status),
        });
      case 'not-found':
        throw httpError('BND_ERR_NOT_FOUND', `No route for ${ctx.method} ${ctx.path}`);
      case 'options':
        ctx.result = statusResult(204, undefined, { allow: selection.allow });
        return undefined;
      case 'method-not-allowed':
        throw httpError(
          'BND_ERR_METHOD_NOT_ALLOWED',
          `${ctx.method} is not allowed on ${ctx.path}; allowed: ${selection.allow}`,
          { headers: { allow: selection.allow } },
        );
      case 'unsupported-media-type': {
        const route = selection.route;
        ctx.route = route;
        const sent = selection.contentType === '' ? '(none)' : selection.contentType;
        throw httpError(
          'BND_ERR_UNSUPPORTED_MEDIA_TYPE',
          `Content-Type ${sent} is not supported; this route consumes ${route.consumes!.join(', ')}`,
        );
      }
      case 'not-acceptable':
        ctx.route = selection.route;
        throw httpError(
          'BND_ERR_NOT_ACCEPTABLE',
          `Available representations: ${selection.route.negotiator.produces.join(', ')}`,
        );
    }
  }

  private respond(ctx: Context<unknown>): void {
    const res = ctx.res;
    if (res.headersSent || res.writableEnded) {
      this.finish(ctx);
      return;
    }
    if (this.closing) this.lastOnConnection(res);
    let written: Promise<void> | undefined;
    try {
      written = sendResult(ctx, ctx.result, this.state.serialize);
    } catch (error) {
      this.fail(ctx, error);
      return;
    }
    if (written === undefined) {
      this.finish(ctx);
      return;
    }
    written.then(
      () => this.finish(ctx),
      (error: unknown) => this.fail(ctx, error),
    );
  }

  private fail(ctx: Context<unknown>, error: unknown): void {
    const res = ctx.res;
    if (isStop(error)) {
      ctx.result = error.result;
      this.respond(ctx);
      return;
    }
    const httpErr = this.toHttpError(ctx, error);
    if (res.headersSent || res.writableEnded) {
      // Too late for a problem document: cut the connection so the client sees a broken answer.
      if (!res.writableEnded) res.destroy(error instanceof Error ? error : undefined);
      this.finish(ctx);
      return;
    }
    if (this.closing) this.lastOnConnection(res);
    const handler = this.errorHandlerFor(ctx, httpErr.status);
    if (handler !== undefined) {
      let custom: unknown;
      try {
        custom = handler(ctx, httpErr);
      } catch (handlerError) {
        ctx.log.error({ err: handlerError }, 'error handler failed');
      }
      if (custom !== undefined) {
        this.sendCustom(ctx, httpErr, custom);
        return;
      }
    }
    sendProblem(res, httpErr, ctx.path, ctx.method === 'HEAD', this.state.problemTypeBase);
    this.finish(ctx);
  }

  private sendCustom(ctx: Context<unknown>, httpErr: HttpError, custom: unknown): void {
    Promise.resolve(custom)
      .then((value) => {
        applyHeaders(ctx.res, httpErr.headers);
        ctx.status = httpErr.status;
        ctx.responseType ??= 'application/json';
        return sendResult(ctx, value, this.state.serialize);
      })
      .catch((error: unknown) => {
        ctx.log.error({ err: error }, 'custom error answer failed');
        if (!ctx.res.headersSent) sendProblem(ctx.res, httpError('BND_ERR_INTERNAL'), ctx.path);
      })
      .finally(() => this.finish(ctx));
  }

  private toHttpError(ctx: Context<unknown>, error: unknown): HttpError {
    if (isHttpError(error)) {
      if (error.status >= 500) {
        if (error.logLevel === 'warn')
          ctx.log.warn({ code: error.code, status: error.status }, error.message);
        else ctx.log.error({ err: error.cause ?? error }, error.message);
      }
      return error;
    }
    ctx.log.error({ err: error, method: ctx.method, path: ctx.path }, 'request failed');
    return httpError('BND_ERR_INTERNAL', undefined, { cause: error });
  }

  private errorHandlerFor(ctx: Context<unknown>, status: number): ErrorHandler | undefined {
    // Before a route was chosen (a 404, a container filter's error) the service is the one route
    // selection names for the request's Host and path.
    const route = ctx.route as CompiledRoute | undefined;
    const service =
      route?.service ?? (this.selected.has(ctx) ? this.selected.get(ctx) : this.selectedService(ctx));
    const own = service === undefined ? undefined : pickErrorHandler(service.errorHandlers, status);
    return own ?? pickErrorHandler(this.state.errorHandlers, status);
  }

  private selectedService(ctx: Context<unknown>): WebService | undefined {
    try {
      return serviceOf(this.state.selector.select(ctx.method, ctx.path, ctx.req.headers));
    } catch {
      // A path the router itself fails on (a macro's own code threw) has no service to name.
      return undefined;
    }
  }

  /**
   * While closing, every answer not yet started says `Connection: close`, also for requests that
   * began before `close()`: the client then opens no further request on a socket that is about
   * to go, instead of sending one that meets a reset.
   */
  private lastOnConnection(res: ServerResponse): void {
    res.setHeader('connection', 'close');
  }

  private finish(ctx: Context<unknown>): void {
    this.inFlight--;
    if (ctx.hasCleanups) void ctx.cleanup();
    if (this.inFlight === 0 && this.closing) this.onIdle?.();
  }

  /** Called when the last in-flight request ends while closing. */
  onIdle: (() => void) | undefined = undefined;
}
