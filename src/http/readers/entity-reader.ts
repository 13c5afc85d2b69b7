import type { IncomingMessage } from 'node:http';
import type { BodyLimits } from './body-limits.js';
import type { BodyState } from './body-state.js';

/** What a reader is told about the body it is asked to read. */
export interface ReaderContext {
  /** The bare media type the request declared (`application/json`), lower-case. */
  readonly contentType: string;
  /** Its parameters (`charset`, `boundary`), names lower-case. */
  readonly params: Readonly<Record<string, string>>;
  readonly limits: Readonly<BodyLimits>;
  /** The request's body cache; readers that buffer go through `readRawBody` so it is filled. */
  readonly body: BodyState;
  /** Registers work to run when the request ends (temp files are removed there). */
  defer(cleanup: () => unknown): void;
}

/**
 * Turns a request body of some media types into a value. Failures are HttpErrors (400 for a body
 * that does not parse, 413 over a limit, 415 for a charset or encoding it cannot read).
 * Resolving to `undefined` means the body is absent (nothing was sent).
 */
export interface EntityReader {
  /**
   * Media types read, without parameters: exact (`application/json`), a suffix pattern
   * (`application/*+json`), or a wildcard (`text/*`).
   */
  readonly mediaTypes: readonly string[];
  /**
   * True when the value is a form: a record of strings, string lists and files that the binder
   * coerces by the schema like a query string. Readers of typed formats (JSON, YAML) leave it unset.
   */
  readonly form?: boolean;
  read(req: IncomingMessage, ctx: ReaderContext): Promise<unknown>;
}
