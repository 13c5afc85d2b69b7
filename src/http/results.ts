import { errorTypeUri } from './error-codes.js';
import { locationValue } from './header-values.js';
import type { ProblemDetails, ProblemItem } from './http-error.js';
import { withCode } from './startup-error.js';

export type HeaderMap = Record<string, string | number | readonly string[]>;

/**
 * A typed result: a status, headers and a body that the writer serializes in the negotiated
 * media type. Handlers return these instead of touching the response, so filters can still see
 * and change what is about to be sent. The status is a literal type where it is known
 * (`created()` is a `Result<B, 201>`), so a typed client knows each answer's status.
 */
export class Result<B = unknown, S extends number = number> {
  constructor(
    readonly status: S,
    readonly body: B,
    readonly headers: HeaderMap | undefined = undefined,
    /** Forces the Content-Type instead of negotiating it (problem+json, redirects). */
    readonly contentType: string | undefined = undefined,
  ) {}
}

export function isResult(value: unknown): value is Result {
  return value instanceof Result;
}

/** 201 with the created entity and, when given, its Location (percent-encoded where it must be). */
export function created<B>(body: B, location?: string): Result<B, 201> {
  return new Result(201, body, location === undefined ? undefined : { location: locationValue(location) });
}

/** 202: the work was accepted and goes on after the answer. */
export function accepted<B = undefined>(body?: B): Result<B | undefined, 202> {
  return new Result(202, body);
}

/** 204 with no body. */
export function noContent(): Result<undefined, 204> {
  return new Result(204, undefined);
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * A redirect; 302 unless told otherwise (307/308 keep the method and body). What a Location
 * cannot carry (CR, LF, spaces, non-ASCII) is percent-encoded.
 */
export function redirect<C extends 301 | 302 | 303 | 307 | 308 = 302>(
  url: string,
  code: C = 302 as C,
): Result<undefined, C> {
  if (!redirectStatuses.has(code))
    throw withCode(
      new RangeError(`redirect status must be 301, 302, 303, 307 or 308, not ${code}`),
      'BND_ERR_INVALID_OPTION',
    );
  return new Result(code, undefined, { location: locationValue(url) });
}

/** Any status with an optional body and headers. */
export function status<N extends number, B = undefined>(
  code: N,
  body?: B,
  headers?: HeaderMap,
): Result<B | undefined, N> {
  if (!Number.isInteger(code) || code < 100 || code > 999)
    throw withCode(new RangeError(`invalid HTTP status ${code}`), 'BND_ERR_INVALID_OPTION');
  return new Result(code, body, headers);
}

export interface ProblemInput {
  status: number;
  title: string;
  detail?: string;
  code?: string;
  type?: string;
  instance?: string;
  errors?: ProblemItem[];
  headers?: HeaderMap;
  [extension: string]: unknown;
}

/** An `application/problem+json` answer built by the handler itself. */
export function problem(input: ProblemInput): Result<ProblemDetails> {
  const { headers, status: code, title, detail, type, instance, errors, ...rest } = input;
  const errorCode = input.code ?? 'BND_ERR_HTTP';
  const body: ProblemDetails = {
    ...rest,
    type: type ?? errorTypeUri(errorCode),
    title,
    status: code,
    detail: detail ?? title,
    code: errorCode,
  };
  if (instance !== undefined) body.instance = instance;
  if (errors !== undefined && errors.length > 0) body.errors = errors;
  return new Result(code, body, headers, PROBLEM_JSON);
}

export const PROBLEM_JSON = 'application/problem+json';
