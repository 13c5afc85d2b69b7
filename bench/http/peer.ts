import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A node:http request listener. Every peer is reduced to one so that both modes drive all of
 * them the same way: the socket mode mounts it on the same plain `http.Server`, the in-process
 * mode calls it with the same fake request/response pair.
 */
export type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export interface PeerApp {
  readonly listener: Listener;
  close(): Promise<void>;
}

/** What each file in servers/ exports as `peer`. */
export interface Peer {
  readonly name: string;
  create(): Promise<PeerApp>;
}
