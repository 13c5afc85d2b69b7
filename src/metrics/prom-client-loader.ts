import { loadOptionalPeer } from '../http/optional-peer.js';

/** prom-client's module, loaded on first use: apps without metrics never install or load it. */
export type PromClient = typeof import('prom-client');

export function loadPromClient(): Promise<PromClient> {
  return loadOptionalPeer(
    { name: 'prom-client', usedBy: 'prometheusMetrics()' },
    () => import('prom-client'),
  );
}
