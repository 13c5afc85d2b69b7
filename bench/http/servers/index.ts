import type { Peer } from '../peer.js';

/**
 * Peers are imported lazily, one module each, so a peer whose code does not load (Bindery while
 * its API is still being written, a missing optional package) is skipped without taking the
 * others down.
 */
const loaders: Readonly<Record<string, () => Promise<{ peer: Peer }>>> = {
  'node-http': () => import('./node-http.js'),
  bindery: () => import('./bindery.js'),
  'bindery-metrics': () => import('./bindery-metrics.js'),
  fastify: () => import('./fastify.js'),
  hono: () => import('./hono.js'),
  express: () => import('./express.js'),
  koa: () => import('./koa.js'),
};

/** Every peer name, in the order tables list them. */
export const PEER_NAMES: readonly string[] = Object.keys(loaders);

export type Loaded = { ok: true; peer: Peer } | { ok: false; reason: string };

export async function loadPeer(name: string): Promise<Loaded> {
  const load = loaders[name];
  if (load === undefined) return { ok: false, reason: `unknown server ${name}` };
  try {
    return { ok: true, peer: (await load()).peer };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `module failed to load: ${message.split('\n')[0]}` };
  }
}
