import { type BuiltInErrorCode, builtInErrorCodes, errorTypeUri } from './error-codes.js';
import { type StartupErrorCode, startupErrorCodes } from './startup-codes.js';

/**
 * An error raised while an application is declared or started (a bad route, a missing provider,
 * a component that cannot load), never as an answer to a request. Its `code` is registered in
 * startup-codes.ts, or in error-codes.ts when a request can meet the same failure (a missing
 * optional peer), and documented in docs/errors.md; `docs` links to that entry.
 */
export class StartupError extends Error {
  readonly code: StartupErrorCode | BuiltInErrorCode;

  constructor(code: StartupErrorCode | BuiltInErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StartupError';
    this.code = code;
  }

  /** The title of the code, as docs/errors.md shows it. */
  get title(): string {
    const code = this.code;
    return code in startupErrorCodes
      ? startupErrorCodes[code as StartupErrorCode].title
      : builtInErrorCodes[code as BuiltInErrorCode].title;
  }

  /** Where docs/errors.md explains the code. */
  get docs(): string {
    return errorTypeUri(this.code);
  }
}

export function isStartupError(error: unknown): error is StartupError {
  return error instanceof StartupError;
}
