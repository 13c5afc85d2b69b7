import { codeForStatus, type ErrorCode, errorCodeInfo, errorTypeUri } from './error-codes.js';
import { StartupError } from './startup-error.js';

/** Where a problem was found in the request (binding errors name their source). */
export type ProblemLocation = 'path' | 'query' | 'header' | 'cookie' | 'body';

/** One entry of a problem's `errors` list. */
export interface ProblemItem {
  readonly in: ProblemLocation;
  /** Wire name (`x-request-id`, `page`) or a JSON pointer into the body (`/items/2/qty`). */
  readonly name: string;
  readonly message: string;
  /** Machine-readable reason (`type`, `minimum`, `required`, …). */
  readonly code?: string;
}

/** The `application/problem+json` document every error answer carries (RFC 9457 plus `code`). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: ProblemItem[];
  [extension: string]: unknown;
}

export interface HttpErrorOptions {
  code?: ErrorCode;
  detail?: string;
  title?: string;
  errors?: ProblemItem[];
  headers?: Record<string, string | string[]>;
  /** Extra problem members (RFC 9457 extensions). */
  extensions?: Record<string, unknown>;
  cause?: unknown;
  /** Whether the detail may be shown to the client; false for 5xx by default. */
  expose?: boolean;
  /**
   * How the pipeline logs a 5xx of this error: `error` (with the stack) by default; `warn`
   * (no stack) when it only reports input that was refused, which is no fault of the server.
   */
  logLevel?: 'error' | 'warn';
}

/**
 * An error that answers with a status and a problem document. Throw it from handlers, filters,
 * providers or binders; the pipeline turns it into `application/problem+json`.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: ProblemItem[] | undefined;
  readonly headers: Record<string, string | string[]> | undefined;
  readonly extensions: Record<string, unknown> | undefined;
  readonly expose: boolean;
  readonly logLevel: 'error' | 'warn';

  constructor(status: number, detail?: string, options: HttpErrorOptions = {}) {
    const code = options.code ?? codeForStatus(status);
    const info = errorCodeInfo(code);
    const text = detail ?? options.detail ?? info?.title ?? `HTTP ${status}`;
    super(text, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    // An unregistered code (ready() catches the ones routes declare) still answers with a real
    // title: the one of the status's own code.
    this.title = options.title ?? info?.title ?? errorCodeInfo(codeForStatus(status))!.title;
    this.detail = text;
    this.errors = options.errors;
    this.headers = options.headers;
    this.extensions = options.extensions;
    this.expose = options.expose ?? status < 500;
    this.logLevel = options.logLevel ?? 'error';
  }

  /**
   * The problem document for this error; 5xx details are hidden unless `expose` was set.
   * `problemTypeBase` is the container's base for the application's own codes (see errorTypeUri).
   */
  toProblem(instance?: string, problemTypeBase?: string): ProblemDetails {
    const problem: ProblemDetails = {
      ...this.extensions,
      type: errorTypeUri(this.code, problemTypeBase),
      title: this.title,
      status: this.status,
      detail: this.expose ? this.detail : this.title,
      code: this.code,
    };
    if (instance !== undefined) problem.instance = instance;
    if (this.errors !== undefined && this.errors.length > 0) problem.errors = this.errors;
    return problem;
  }
}

export function isHttpError(value: unknown): value is HttpError {
  return value instanceof HttpError;
}

/** Shorthand for an HttpError whose status comes from a registered code. */
export function httpError(
  code: ErrorCode,
  detail?: string,
  options: Omit<HttpErrorOptions, 'code'> = {},
): HttpError {
  const info = errorCodeInfo(code);
  if (info === undefined)
    throw new StartupError('BND_ERR_ERROR_CODE', `unknown error code ${code}: register it first`);
  return new HttpError(info.status, detail, { ...options, code });
}
