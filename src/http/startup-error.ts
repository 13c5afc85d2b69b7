import { type BuiltInErrorCode, builtInErrorCodes, errorTypeUri } from './error-codes.js';
import { type StartupErrorCode, startupErrorCodes } from './startup-codes.js';

/** A code of the one registry that an error raised outside an answer may carry. */
export type RaisedErrorCode = StartupErrorCode | BuiltInErrorCode;

/**
 * The shape every error Bindery raises shares: a `code` from the registry (error-codes.ts and
 * startup-codes.ts), documented in docs/errors.md. HttpError and StartupError (and the classes
 * extending it) carry one; argument mistakes stay TypeError/RangeError, as Node's own do, and
 * carry theirs through `withCode`.
 */
export interface CodedError extends Error {
  readonly code: string;
}

/**
 * An error raised while an application is declared or started (a bad route, a missing provider,
 * a component that cannot load), or an API called out of order; never an answer to a request.
 * The error classes users catch by name (TemplateError, ControllerError, InjectionGraphError, …)
 * extend it, so `isStartupError` and `code` work for all of them.
 */
export class StartupError extends Error implements CodedError {
  readonly code: RaisedErrorCode;

  constructor(code: RaisedErrorCode, message: string, options?: { cause?: unknown }) {
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

/** Gives a TypeError, RangeError or AggregateError its registry code (Node's errors do the same). */
export function withCode<E extends Error>(
  error: E,
  code: RaisedErrorCode,
): E & { readonly code: RaisedErrorCode } {
  return Object.assign(error, { code });
}
