import type { BindingsRuntime } from '../components/bindings-runtime.js';
import { Result } from '../http/results.js';
import type { Filter } from '../service/filter.js';
import { loadPromClient } from './prom-client-loader.js';

export interface PrometheusMetricsOptions {
  /** Path the exposition is served at by the filter (default `/metrics`; false to serve none). */
  path?: string | false;
  /** Prefix of every metric name (default none: `http_requests_total`, `bindery_binding_calls_total`). */
  prefix?: string;
  /** Request duration buckets in seconds (default 1 ms … 10 s). */
  buckets?: readonly number[];
  /** Also collect prom-client's process and Node.js metrics (default true). */
  processMetrics?: boolean;
  /** Labels added to every metric (`{ service: 'orders' }`). */
  defaultLabels?: Readonly<Record<string, string>>;
}

/** What `prometheusMetrics()` gives: a filter to add to the container and observers for the rest. */
export interface PrometheusMetrics {
  /**
   * A container filter: counts and times every request by method, route template and status,
   * tracks requests in flight, and answers GET `path` with the exposition. Add it first so the
   * time covers the other filters too.
   */
  readonly filter: Filter;
  /**
   * Watches a bindings runtime: its output calls by binding, operation and outcome, its input
   * events by binding and outcome, and the state of its circuit breakers (read at each scrape).
   * Returns the runtime.
   */
  watch(runtime: BindingsRuntime): BindingsRuntime;
  /** The exposition text, for serving it elsewhere. */
  text(): Promise<string>;
  /** The Content-Type of `text()`. */
  readonly contentType: string;
}

interface RequestSeries {
  readonly count: { inc(): void };
  readonly duration: { observe(seconds: number): void };
}

const BREAKER_STATE_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

const defaultBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Prometheus metrics through `prom-client` (an optional peer dependency, loaded here). Requests
 * that matched no route are labelled `route="unmatched"` so scanners cannot grow the label set.
 * With no filter added, requests pay nothing.
 */
export async function prometheusMetrics(options: PrometheusMetricsOptions = {}): Promise<PrometheusMetrics> {
  const prom = await loadPromClient();
  const registry = new prom.Registry();
  if (options.defaultLabels !== undefined) registry.setDefaultLabels({ ...options.defaultLabels });
  if (options.processMetrics !== false) prom.collectDefaultMetrics({ register: registry });
  const prefix = options.prefix ?? '';
  const requestLabels = ['method', 'route', 'status'] as const;
  const requests = new prom.Counter({
    name: `${prefix}http_requests_total`,
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: requestLabels,
    registers: [registry],
  });
  const durations = new prom.Histogram({
    name: `${prefix}http_request_duration_seconds`,
    help: 'Time from the request reaching the container to the last byte of the answer written.',
    labelNames: requestLabels,
    buckets: [...(options.buckets ?? defaultBuckets)],
    registers: [registry],
  });
  const inFlight = new prom.Gauge({
    name: `${prefix}http_requests_in_flight`,
    help: 'Requests received and not yet answered.',
    registers: [registry],
  });
  const bindingLabels = ['binding', 'operation', 'outcome'] as const;
  const bindingCalls = new prom.Counter({
    name: `${prefix}bindery_binding_calls_total`,
    help: 'Output binding calls, by binding, operation and outcome.',
    labelNames: bindingLabels,
    registers: [registry],
  });
  const bindingDurations = new prom.Histogram({
    name: `${prefix}bindery_binding_call_duration_seconds`,
    help: 'Duration of output binding calls, by binding, operation and outcome.',
    labelNames: bindingLabels,
    buckets: [...(options.buckets ?? defaultBuckets)],
    registers: [registry],
  });

  const inputLabels = ['binding', 'outcome'] as const;
  const inputEvents = new prom.Counter({
    name: `${prefix}bindery_input_events_total`,
    help: 'Input binding events delivered to the app, by binding and outcome (success, refused, failed).',
    labelNames: inputLabels,
    registers: [registry],
  });
  const inputDurations = new prom.Histogram({
    name: `${prefix}bindery_input_event_duration_seconds`,
    help: 'Time from an input event read to the app’s answer, retries included, by binding and outcome.',
    labelNames: inputLabels,
    buckets: [...(options.buckets ?? defaultBuckets)],
    registers: [registry],
  });
  const watched: BindingsRuntime[] = [];
  new prom.Gauge({
    name: `${prefix}bindery_circuit_breaker_state`,
    help: 'State of each circuit breaker: 0 closed, 1 half-open, 2 open.',
    labelNames: ['breaker'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const runtime of watched) {
        for (const breaker of runtime.policies.snapshot().circuitBreakers) {
          this.set({ breaker: breaker.name }, BREAKER_STATE_VALUE[breaker.state]);
        }
      }
    },
  });

  // prom-client hashes a label object on every update; the children bound to one series are
  // kept instead, so a request pays one map lookup.
  const series = new Map<string, RequestSeries>();
  const seriesFor = (method: string, route: string, status: number): RequestSeries => {
    const key = `${method} ${status} ${route}`;
    let found = series.get(key);
    if (found === undefined) {
      const labels = { method, route, status: String(status) };
      found = { count: requests.labels(labels), duration: durations.labels(labels) };
      series.set(key, found);
    }
    return found;
  };

  const path = options.path ?? '/metrics';
  const filter: Filter = async (ctx, next) => {
    if (path !== false && ctx.path === path && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      ctx.result = new Result(
        200,
        await registry.metrics(),
        { 'cache-control': 'no-store' },
        registry.contentType,
      );
      return;
    }
    const started = performance.now();
    inFlight.inc();
    // 'close' comes once per response: after the last byte, or when the answer was cut short.
    ctx.res.once('close', () => {
      inFlight.dec();
      const series = seriesFor(ctx.method, ctx.route?.template ?? 'unmatched', ctx.res.statusCode);
      series.count.inc();
      series.duration.observe((performance.now() - started) / 1000);
    });
    await next();
  };

  return {
    filter,
    watch(runtime) {
      watched.push(runtime);
      return runtime.observe((event) => {
        if (event.direction === 'input') {
          const labels = { binding: event.binding, outcome: event.outcome };
          inputEvents.inc(labels);
          inputDurations.observe(labels, event.durationSeconds);
          return;
        }
        const labels = { binding: event.binding, operation: event.operation, outcome: event.outcome };
        bindingCalls.inc(labels);
        bindingDurations.observe(labels, event.durationSeconds);
      });
    },
    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
