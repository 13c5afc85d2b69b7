import { loadDriver } from '../components/driver-loader.js';

/** prom-client's module, loaded on first use: apps without metrics never install or load it. */
export type PromClient = typeof import('prom-client');

export function loadPromClient(): Promise<PromClient> {
  return loadDriver('prometheusMetrics()', 'prom-client', () => import('prom-client'));
}
