import { errorTypeUri } from './error-codes.js';
import { type StartupErrorCode, startupErrorCodes } from './startup-codes.js';

/**
 * An error raised while an application is declared or started (a bad route, a missing provider,
 * a component that cannot load), never as an answer to a request. Its `code` is registered in
 * startup-codes.ts and documented in docs/errors.md; `docs` links to that entry.
 */
export class StartupError extends Error {
  readonly code: StartupErrorCode;

  constructor(code: StartupErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StartupError';
    this.code = code;
  }

  /** The title of the code, as docs/errors.md shows it. */
  get title(): string {
    return startupErrorCodes[this.code].title;
  }

  /** Where docs/errors.md explains the code. */
  get docs(): string {
    return errorTypeUri(this.code);
  }
}

export function isStartupError(error: unknown): error is StartupError {
  return error instanceof StartupError;
}
