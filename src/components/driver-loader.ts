import { loadOptionalPeer } from '../http/optional-peer.js';

/**
 * Loads a component's driver, an optional peer dependency, on first use: a missing one fails
 * start-up (BND_ERR_MISSING_PEER) naming the component and the exact install line.
 */
export function loadDriver<T>(component: string, pkg: string, load: () => Promise<T>): Promise<T> {
  return loadOptionalPeer({ name: pkg, usedBy: component }, load);
}
