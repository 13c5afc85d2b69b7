/**
 * What one request knows about its body. The Context creates one per request (lazily), the
 * readers fill it, and anyone after them reads from it: the stream can be consumed only once,
 * so the decoded bytes are kept here for a second reader (a signature check, a proxy, a log).
 */
export class BodyState {
  /** The decoded bytes once read; never set for multipart bodies, which are streamed. */
  raw: Buffer | undefined = undefined;
  /** Set when a streaming reader (multipart) consumed the body without keeping its bytes. */
  streamed = false;
  /** The value a reader produced; `undefined` until the binder read the body. */
  parsed: unknown = undefined;
  /** Media type (no parameters) the parsed value was read as; '' until then. */
  mediaType = '';
  #pending: Promise<Buffer> | undefined = undefined;
  /** A read under way that made no promise of its bytes (it hands them on itself). */
  #reading = false;
  #settle: ((bytes: Buffer | undefined, error: unknown) => void) | undefined = undefined;

  /**
   * A read under way, so two readers started together share one pass over the stream. A read
   * that hands its bytes on directly (the JSON reader's) makes this promise only when asked.
   */
  get pending(): Promise<Buffer> | undefined {
    if (this.#pending === undefined && this.#reading) {
      this.#pending = new Promise<Buffer>((resolve, reject) => {
        this.#settle = (bytes, error) => (bytes === undefined ? reject(error) : resolve(bytes));
      });
    }
    return this.#pending;
  }

  set pending(read: Promise<Buffer> | undefined) {
    this.#pending = read;
  }

  /** Marks a read under way that keeps no promise of its bytes; `readEnded` closes it. */
  readStarted(): void {
    this.#reading = true;
  }

  /** Ends the read `readStarted` opened: with its bytes, or failed with `error`. */
  readEnded(bytes: Buffer | undefined, error?: unknown): void {
    this.#reading = false;
    const settle = this.#settle;
    this.#settle = undefined;
    if (bytes !== undefined) {
      this.#pending = undefined;
    } else if (this.#pending === undefined) {
      // A failed read stays failed: a reader asking later hears the same error instead of
      // starting over on a stream that was given up (and waiting on it for ever).
      const failed = Promise.reject(error);
      failed.catch(() => undefined);
      this.#pending = failed;
    }
    settle?.(bytes, error);
  }
}
