/** The runtime's deadline for one component call when the component sets none of its own. */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

/**
 * A call's deadline passed. The message is Go's `context.DeadlineExceeded` text, the words
 * Dapr answers with when a component call outlives its context.
 */
export class DeadlineExceededError extends Error {
  /** The limit that passed, in milliseconds, and where it came from (for logs). */
  readonly timeoutMs: number;
  readonly source: string;

  constructor(timeoutMs: number, source: string) {
    super('context deadline exceeded');
    this.name = 'DeadlineExceededError';
    this.timeoutMs = timeoutMs;
    this.source = source;
  }
}

/** The caller gave up (Go's `context.Canceled` text). */
export class CallCanceledError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('context canceled', options);
    this.name = 'CallCanceledError';
  }
}

/**
 * Runs `work` with a signal that aborts when `timeoutMs` passes or `outer` aborts, and settles at
 * that moment whatever the work does: a component that ignores its signal cannot hold the caller
 * past the deadline. A result that arrives later is dropped, as Dapr drops a late result.
 */
export function withDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  source: string,
  outer?: AbortSignal,
): Promise<T> {
  if (outer?.aborted) return Promise.reject(abortReason(outer));
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    };
    const stop = (reason: Error) => {
      finish();
      controller.abort(reason);
      reject(reason);
    };
    const onOuterAbort = () => stop(abortReason(outer!));
    if (Number.isFinite(timeoutMs)) {
      timer = setTimeout(() => stop(new DeadlineExceededError(timeoutMs, source)), Math.max(0, timeoutMs));
    }
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    let running: Promise<T>;
    try {
      running = work(controller.signal);
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (value) => {
        if (controller.signal.aborted) return;
        finish();
        resolve(value);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        finish();
        reject(error);
      },
    );
  });
}

/** What an aborted signal means for the call: its own deadline, or the caller giving up. */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof DeadlineExceededError || reason instanceof CallCanceledError) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError')
    return new DeadlineExceededError(NaN, 'caller');
  return new CallCanceledError({ cause: reason });
}
