import { TraceContext } from '../tracing/index.js';
import {
  activeTrace,
  findTracing,
  type OtelContext,
  parentContext,
  type SpanKind,
  type Tracing,
  traceOfSpan,
} from '../tracing/open-telemetry.js';
import { requestTrace } from '../tracing/request-trace.js';

/** What a binding span names: the binding, the operation, the component type. */
export interface BindingCallInfo {
  readonly name: string;
  readonly operation: string;
  readonly type: string;
}

/**
 * Trace contexts (and, with an OpenTelemetry SDK, spans) for binding work. Every output binding
 * call runs under a child of its caller's context, which the component receives as `traceparent`
 * / `tracestate` metadata (the http binding sends them as headers); work that enters from outside
 * (a Dapr API call, an input event) continues the context it came with or starts a trace.
 */
export class BindingTracer {
  private constructor(private readonly tracing: Tracing | undefined) {}

  /** A tracer that uses the application's OpenTelemetry SDK when one is registered. */
  static async find(enabled: boolean): Promise<BindingTracer> {
    return new BindingTracer(enabled ? await findTracing() : undefined);
  }

  static readonly plain = new BindingTracer(undefined);

  /**
   * Runs one output binding call under a child of `parent`; without one, of the active span
   * (with an SDK), else of the request being handled (see `runInRequest`), else of a new trace.
   */
  call<T>(
    info: BindingCallInfo,
    parent: TraceContext | undefined,
    work: (trace: TraceContext) => Promise<T>,
  ): Promise<T> {
    const tracing = this.tracing;
    if (tracing === undefined) return work((parent ?? requestTrace())?.child() ?? TraceContext.root());
    const { api } = tracing;
    let context: OtelContext;
    if (parent !== undefined) context = parentContext(tracing, parent);
    else {
      // An SDK without a context manager has no active span: the request's trace still is one.
      const active = api.context.active();
      const request = api.trace.getSpan(active) === undefined ? requestTrace() : undefined;
      context = request === undefined ? active : parentContext(tracing, request);
    }
    const attributes = {
      'bindery.binding.name': info.name,
      'bindery.binding.operation': info.operation,
      'bindery.binding.type': info.type,
    };
    const name = `bindings/${info.name} ${info.operation}`;
    return this.span(tracing, context, name, api.SpanKind.CLIENT, attributes, parent, work);
  }

  /**
   * Runs work that came from outside: a Dapr API request (`kind` server) or an input binding
   * event (`consumer`), continuing `incoming` when it is valid. Without an SDK the work gets a
   * child of `incoming` or a new trace.
   */
  enter<T>(
    spanName: string,
    kind: 'server' | 'consumer',
    incoming: TraceContext | undefined,
    attributes: Readonly<Record<string, string>>,
    work: (trace: TraceContext) => Promise<T>,
  ): Promise<T> {
    const tracing = this.tracing;
    if (tracing === undefined) return work(incoming?.child() ?? TraceContext.root());
    const { api } = tracing;
    const spanKind = kind === 'server' ? api.SpanKind.SERVER : api.SpanKind.CONSUMER;
    return this.span(
      tracing,
      parentContext(tracing, incoming),
      spanName,
      spanKind,
      attributes,
      incoming,
      work,
    );
  }

  /** The context work runs in right now: the active span's, when there is an SDK and a span. */
  current(): TraceContext | undefined {
    return this.tracing === undefined ? undefined : activeTrace(this.tracing);
  }

  private async span<T>(
    tracing: Tracing,
    parent: OtelContext,
    name: string,
    kind: SpanKind,
    attributes: Readonly<Record<string, string>>,
    incoming: TraceContext | undefined,
    work: (trace: TraceContext) => Promise<T>,
  ): Promise<T> {
    const { api, tracer } = tracing;
    const span = tracer.startSpan(name, { kind, attributes }, parent);
    try {
      return await api.context.with(api.trace.setSpan(parent, span), () =>
        work(traceOfSpan(span, incoming?.traceState)),
      );
    } catch (error) {
      span.setStatus({
        code: api.SpanStatusCode.ERROR,
        message: error instanceof Error ? error.message : String(error),
      });
      if (error instanceof Error) span.recordException(error);
      throw error;
    } finally {
      span.end();
    }
  }
}
