import type { Context } from '../http/context.js';
import { TraceContext } from '../tracing/index.js';
import { parentContext, type Tracing, traceOfSpan } from '../tracing/open-telemetry.js';
import type { Filter } from './filter.js';

/**
 * The container filter that makes one OpenTelemetry SERVER span per request, installed first
 * when the container starts and only when the application registered an SDK. The span continues
 * a valid incoming `traceparent`, is named `METHOD /route/{template}` once the route is known,
 * carries the usual HTTP attributes, and is the active span while the request runs, so binding
 * calls become its children.
 */
export function requestTracing(tracing: Tracing): Filter<never> {
  const { api, tracer } = tracing;
  const { SpanKind, SpanStatusCode } = api;
  return async (ctx: Context<unknown>, next) => {
    const incoming = TraceContext.parse(ctx.header('traceparent'), ctx.header('tracestate'));
    const parent = parentContext(tracing, incoming);
    const req = ctx.req;
    const host = req.headers.host;
    const span = tracer.startSpan(
      ctx.method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': ctx.method,
          'url.path': ctx.path,
          'url.scheme': 'encrypted' in req.socket ? 'https' : 'http',
          'network.protocol.version': req.httpVersion,
          ...(ctx.rawQuery === '' ? {} : { 'url.query': ctx.rawQuery }),
          ...(host === undefined ? {} : { 'server.address': host.replace(/:\d+$/, '') }),
          ...(req.headers['user-agent'] === undefined
            ? {}
            : { 'user_agent.original': req.headers['user-agent'] }),
          ...(req.socket.remoteAddress === undefined ? {} : { 'client.address': req.socket.remoteAddress }),
        },
      },
      parent,
    );
    ctx.trace = traceOfSpan(span, incoming?.traceState);
    ctx.res.once('close', () => {
      const template = ctx.route?.template;
      if (template !== undefined) {
        span.updateName(`${ctx.method} ${template}`);
        span.setAttribute('http.route', template);
      }
      const status = ctx.res.statusCode;
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      if (!ctx.res.writableFinished) span.setAttribute('error.type', 'aborted');
      span.end();
    });
    await api.context.with(api.trace.setSpan(parent, span), next);
  };
}
