import { HttpError } from '../http/http-error.js';
import type { InvokeResponse } from './binding-component.js';

/**
 * Why an invocation failed: the runtime's own three checks, the component itself, the call's
 * deadline, the caller giving up, or an open circuit breaker refusing the call.
 */
export type BindingErrorReason =
  | 'missing-operation'
  | 'not-found'
  | 'unsupported-operation'
  | 'component'
  | 'timeout'
  | 'canceled'
  | 'circuit-open';

/** The in-app answer of each reason: a deadline is a gateway timeout, an open breaker is 503. */
const STATUS: Readonly<Record<BindingErrorReason, { status: number; code: string }>> = {
  'missing-operation': { status: 502, code: 'BND_ERR_OUTPUT_BINDING' },
  'not-found': { status: 502, code: 'BND_ERR_OUTPUT_BINDING' },
  'unsupported-operation': { status: 502, code: 'BND_ERR_OUTPUT_BINDING' },
  component: { status: 502, code: 'BND_ERR_OUTPUT_BINDING' },
  canceled: { status: 502, code: 'BND_ERR_OUTPUT_BINDING' },
  timeout: { status: 504, code: 'BND_ERR_BINDING_TIMEOUT' },
  'circuit-open': { status: 503, code: 'BND_ERR_CIRCUIT_OPEN' },
};

/** The one error code Dapr uses for every output-binding failure, on HTTP and gRPC alike. */
export const ERR_INVOKE_OUTPUT_BINDING = 'ERR_INVOKE_OUTPUT_BINDING';

/**
 * An output binding failed. The message is exactly Dapr's inner text (`couldn't find output
 * binding orders`, a component's own error); the Dapr API wraps it as `error invoking output
 * binding NAME: …`. Thrown from a route handler it answers 502 `BND_ERR_OUTPUT_BINDING` with
 * that text as the detail (504 `BND_ERR_BINDING_TIMEOUT` past the deadline, 503
 * `BND_ERR_CIRCUIT_OPEN` while a circuit breaker refuses calls). A component may attach the response it got (the http binding's
 * non-2xx status, headers and body), which Dapr would have dropped.
 */
export class BindingError extends HttpError {
  readonly binding: string;
  readonly operation: string;
  readonly reason: BindingErrorReason;
  readonly response: InvokeResponse | undefined;

  constructor(
    binding: string,
    operation: string,
    reason: BindingErrorReason,
    message: string,
    options: { response?: InvokeResponse | undefined; cause?: unknown } = {},
  ) {
    const { status, code } = STATUS[reason];
    super(status, message, {
      code,
      expose: true,
      cause: options.cause,
      logLevel: options.cause instanceof RefusedRequestError ? 'warn' : 'error',
    });
    this.name = 'BindingError';
    this.binding = binding;
    this.operation = operation;
    this.reason = reason;
    this.response = options.response;
  }

  /**
   * The status code the failure carries, which resiliency `matching` lists are checked against:
   * the remote answer's `statusCode` (the http binding's non-2xx), else a numeric `statusCode`
   * or gRPC `code` on the component's own error.
   */
  get statusCode(): number | undefined {
    const fromResponse = Number(this.response?.metadata.statusCode);
    if (Number.isInteger(fromResponse) && fromResponse > 0) return fromResponse;
    const cause = this.cause as { statusCode?: unknown; code?: unknown; details?: unknown } | undefined;
    if (typeof cause?.statusCode === 'number') return cause.statusCode;
    if (typeof cause?.code === 'number' && typeof cause.details === 'string') return cause.code;
    return undefined;
  }

  /** The text Dapr's HTTP and gRPC APIs answer with. */
  get daprMessage(): string {
    return `error invoking output binding ${this.binding}: ${this.message}`;
  }
}

export function isBindingError(value: unknown): value is BindingError {
  return value instanceof BindingError;
}

/**
 * What a component throws when it refuses what it was asked (a file name that leaves its root),
 * as opposed to failing at it: the answer is the same, but it is logged as a warning without a
 * stack, since such requests usually come from a client's input and say nothing about the server.
 */
export class RefusedRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedRequestError';
  }
}

/**
 * What a component throws to fail with a response attached (status, headers, body), so callers
 * keep what the remote system said.
 */
export class ComponentError extends Error {
  readonly response: InvokeResponse | undefined;

  constructor(message: string, response?: InvokeResponse, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ComponentError';
    this.response = response;
  }
}

/** Dapr's exact texts for the runtime's own checks (`pkg/runtime/processor/binding/send.go`). */
export const bindingMessages = {
  missingOperation: (): string => 'operation field is missing from request',
  notFound: (name: string): string => `couldn't find output binding ${name}`,
  unsupportedOperation: (name: string, operation: string, supported: readonly string[]): string =>
    `binding ${name} does not support operation ${operation}. supported operations:${supported.join(' ')}`,
} as const;
