import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { BodyState } from '../http/readers/index.js';

/** What the binder reads a request from; the pipeline's Context provides all of it. */
export interface BindSource {
  /** The request stream: the body's source. */
  readonly req: IncomingMessage;
  /** The router's parameters, already typed by their macros (`int` → number). */
  readonly params: unknown;
  /** The text after `?`, '' when there is none. */
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  /** Parsed cookies; read only when a route declares cookies or the handler asks for them. */
  readonly cookies: Record<string, string | undefined>;
  /** The per-request body cache (raw bytes, parsed value). */
  readonly body: BodyState;
  /** Runs `cleanup` when the request ends (temp files of uploads are removed there). */
  defer(cleanup: () => unknown): void;
}
