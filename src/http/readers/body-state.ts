/**
 * What one request knows about its body. The Context creates one per request (lazily), the
 * readers fill it, and anyone after them reads from it: the stream can be consumed only once,
 * so the decoded bytes are kept here for a second reader (a signature check, a proxy, a log).
 */
export class BodyState {
  /** The decoded bytes once read; never set for multipart bodies, which are streamed. */
  raw: Buffer | undefined = undefined;
  /** A read under way, so two readers started together share one pass over the stream. */
  pending: Promise<Buffer> | undefined = undefined;
  /** Set when a streaming reader (multipart) consumed the body without keeping its bytes. */
  streamed = false;
  /** The value a reader produced; `undefined` until the binder read the body. */
  parsed: unknown = undefined;
  /** Media type (no parameters) the parsed value was read as; '' until then. */
  mediaType = '';
}
