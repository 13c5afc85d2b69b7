import type { Peer } from '../peer.js';
import { benchContainer } from './bindery.js';
import { loadBindery } from './bindery-entry.js';

/** The Bindery peer with Prometheus metrics on: what the metrics filter costs per request. */
export const peer: Peer = {
  name: 'bindery-metrics',
  async create() {
    const { prometheusMetrics } = await loadBindery();
    const metrics = await prometheusMetrics({ processMetrics: false });
    const container = (await benchContainer()).filter(metrics.filter);
    return { listener: container.handler, close: () => container.close() };
  },
};
