import type * as OtelApi from '@opentelemetry/api';
import { TraceContext } from './trace-context.js';

export type OpenTelemetryApi = typeof OtelApi;
export type OtelSpan = OtelApi.Span;
export type OtelContext = OtelApi.Context;
export type SpanKind = OtelApi.SpanKind;

/** A tracer from the application's registered OpenTelemetry SDK, with the API it came from. */
export interface Tracing {
  readonly api: OpenTelemetryApi;
  readonly tracer: OtelApi.Tracer;
}

const TRACER_NAME = 'binderyjs';

/**
 * The application's OpenTelemetry tracer, when it registered an SDK before Bindery started; else
 * undefined, and Bindery makes no spans at all (nothing is added to the request path).
 * `@opentelemetry/api` is an optional peer: without it there is no SDK to find either.
 */
export async function findTracing(): Promise<Tracing | undefined> {
  let api: OpenTelemetryApi;
  try {
    api = await import('@opentelemetry/api');
  } catch {
    return undefined;
  }
  const provider = api.trace.getTracerProvider();
  // The global provider is a proxy that delegates once an SDK registers; no delegate, no SDK.
  const registered =
    provider instanceof api.ProxyTracerProvider
      ? provider.getDelegateTracer(TRACER_NAME) !== undefined
      : true;
  return registered ? { api, tracer: api.trace.getTracer(TRACER_NAME) } : undefined;
}

/** An OpenTelemetry context whose parent is the given W3C context (a remote span). */
export function parentContext(tracing: Tracing, parent: TraceContext | undefined): OtelContext {
  const { api } = tracing;
  if (parent === undefined) return api.ROOT_CONTEXT;
  return api.trace.setSpanContext(api.ROOT_CONTEXT, {
    traceId: parent.traceId,
    spanId: parent.spanId,
    traceFlags: parent.flags,
    isRemote: true,
    ...(parent.traceState === undefined ? {} : { traceState: api.createTraceState(parent.traceState) }),
  });
}

/** The W3C context of a span, as headers and binding metadata carry it. */
export function traceOfSpan(span: OtelSpan, fallbackState?: string): TraceContext {
  const context = span.spanContext();
  const state = context.traceState?.serialize() || fallbackState;
  return new TraceContext(
    context.traceId,
    context.spanId,
    context.traceFlags,
    state === '' ? undefined : state,
  );
}

/** The W3C context of the active span (a request span, when a handler runs), if any. */
export function activeTrace(tracing: Tracing): TraceContext | undefined {
  const span = tracing.api.trace.getActiveSpan();
  return span === undefined || !tracing.api.isSpanContextValid(span.spanContext())
    ? undefined
    : traceOfSpan(span);
}
