// binderyjs metrics: Prometheus exposition of requests and binding calls (prom-client, optional).
export {
  type PrometheusMetrics,
  type PrometheusMetricsOptions,
  prometheusMetrics,
} from './prometheus-metrics.js';
