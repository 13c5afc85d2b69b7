import type { BatchResult } from './inproc-batch.js';
import type { RouteName } from './spec.js';

/**
 * The IPC protocol between the harness and a server process. Each peer runs in a process of its
 * own so that no framework's JIT state, prototype changes (Express swaps request prototypes) or
 * garbage shapes the others' figures, and so that its CPU time can be read on its own.
 */
export interface Operations {
  /** Runs every spec case through the in-process driver; answers the problems found. */
  check: { args: Record<string, never>; result: string[] };
  /** Starts the peer on a plain node:http server on 127.0.0.1 and an ephemeral port. */
  listen: { args: Record<string, never>; result: { port: number } };
  /** One timed in-process round. */
  batch: { args: { route: RouteName; count: number; connections: number }; result: BatchResult };
  /** The process's CPU time so far, in microseconds, read around each socket round. */
  cpu: { args: Record<string, never>; result: { user: number; system: number } };
  /** Closes the server and the app; the process exits afterwards. */
  stop: { args: Record<string, never>; result: null };
}

export type OperationName = keyof Operations;

export interface CallMessage<K extends OperationName = OperationName> {
  readonly id: number;
  readonly op: K;
  readonly args: Operations[K]['args'];
}

export type ReplyMessage =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** The first message a server process sends: whether its peer loaded and started. */
export type HelloMessage =
  | { readonly hello: 'ready' }
  | { readonly hello: 'unavailable'; readonly reason: string };
