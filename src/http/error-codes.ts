import { startupErrorCodes } from './startup-codes.js';
import { StartupError } from './startup-error.js';

/**
 * The one registry of error codes. Every problem+json answer carries a `code` from here;
 * docs/errors.md documents each entry and a test keeps the two in sync.
 */
export interface ErrorCodeInfo {
  /** HTTP status the code answers with unless the thrower says otherwise. */
  readonly status: number;
  /** Short, stable human title (the problem's `title`). */
  readonly title: string;
  /** One sentence for docs/errors.md: when the code is used. */
  readonly description: string;
}

const builtIn = {
  BND_ERR_BAD_REQUEST: {
    status: 400,
    title: 'Bad Request',
    description: 'The request is malformed in a way no more specific code describes.',
  },
  BND_ERR_MALFORMED_BODY: {
    status: 400,
    title: 'Malformed Body',
    description:
      'The body could not be parsed as its Content-Type says (bad JSON with its position, bad urlencoded or multipart framing).',
  },
  BND_ERR_BODY_TOO_DEEP: {
    status: 400,
    title: 'Body Too Deeply Nested',
    description:
      'A JSON body nests arrays and objects deeper than the `jsonDepth` limit (128 by default); the detail names the limit and the position where it was crossed.',
  },
  BND_ERR_INVALID_HEADER: {
    status: 400,
    title: 'Invalid Header',
    description:
      'A header of the answer would carry a value HTTP does not allow (CR, LF, NUL, often copied from the request); the detail and the `header` member name it. Values given to `redirect()` and `created()` are percent-encoded instead.',
  },
  BND_ERR_VALIDATION: {
    status: 400,
    title: 'Validation Failed',
    description:
      'One or more request values failed binding or validation; `errors` lists every problem across all sources.',
  },
  BND_ERR_PARAM_REJECTED: {
    status: 400,
    title: 'Path Parameter Rejected',
    description:
      "A typed path parameter failed its macro and the template's `else` status chose this answer.",
  },
  BND_ERR_UNAUTHORIZED: {
    status: 401,
    title: 'Unauthorized',
    description: 'The request lacks valid credentials.',
  },
  BND_ERR_FORBIDDEN: {
    status: 403,
    title: 'Forbidden',
    description:
      'The request is understood but refused (for example a CORS preflight from an origin that is not allowed).',
  },
  BND_ERR_NOT_FOUND: {
    status: 404,
    title: 'Not Found',
    description: 'No route matches the request path (or a typed path parameter failed its macro).',
  },
  BND_ERR_METHOD_NOT_ALLOWED: {
    status: 405,
    title: 'Method Not Allowed',
    description: 'The path exists but not for this method; the `Allow` header lists every method it has.',
  },
  BND_ERR_NOT_ACCEPTABLE: {
    status: 406,
    title: 'Not Acceptable',
    description:
      'No media type the route produces matches the Accept header; the detail names the available ones.',
  },
  BND_ERR_REQUEST_TIMEOUT: {
    status: 408,
    title: 'Request Timeout',
    description: 'The client did not send the whole request in time.',
  },
  BND_ERR_CONFLICT: {
    status: 409,
    title: 'Conflict',
    description: 'The request conflicts with the current state of the resource.',
  },
  BND_ERR_PAYLOAD_TOO_LARGE: {
    status: 413,
    title: 'Payload Too Large',
    description: 'The body (or one multipart file, or the number of parts) is over the configured limit.',
  },
  BND_ERR_URI_TOO_LONG: {
    status: 414,
    title: 'URI Too Long',
    description: 'The request target is longer than the configured limit.',
  },
  BND_ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'Unsupported Media Type',
    description: 'The Content-Type (or Content-Encoding) is not one the route consumes.',
  },
  BND_ERR_HEADERS_TOO_LARGE: {
    status: 431,
    title: 'Request Header Fields Too Large',
    description: 'The request headers are over the configured size limit.',
  },
  BND_ERR_TOO_MANY_REQUESTS: {
    status: 429,
    title: 'Too Many Requests',
    description: 'The client sent too many requests in a given time.',
  },
  BND_ERR_INTERNAL: {
    status: 500,
    title: 'Internal Server Error',
    description:
      'An unexpected failure; the answer shows no internals, the log has the stack and the request id.',
  },
  BND_ERR_OUTPUT_BINDING: {
    status: 502,
    title: 'Output Binding Failed',
    description:
      'An output binding invoked by the handler failed; the detail carries the component error text.',
  },
  BND_ERR_SERVICE_UNAVAILABLE: {
    status: 503,
    title: 'Service Unavailable',
    description: 'The server is shutting down or not ready.',
  },
  BND_ERR_CIRCUIT_OPEN: {
    status: 503,
    title: 'Circuit Open',
    description:
      "An output binding's circuit breaker is open (or half-open and already probing), so the call was refused at once without reaching the component.",
  },
  BND_ERR_BINDING_TIMEOUT: {
    status: 504,
    title: 'Output Binding Timed Out',
    description:
      "An output binding call passed its deadline (the component's own timeout, the runtime's default, or a resiliency timeout policy); the component was told to stop.",
  },
  BND_ERR_HTTP: {
    status: 500,
    title: 'HTTP Error',
    description:
      'An HttpError thrown by application code with a status no specific code covers; the status is the thrown one.',
  },
  BND_ERR_OPENAPI_DOCUMENT: {
    status: 500,
    title: 'OpenAPI Document Error',
    description:
      'The route table cannot be described exactly (a schema with no JSON form, one name or operation id used twice); `container.openapi()` and `bindery openapi` list every route at fault, and the document route answers with this code.',
  },
  BND_ERR_MISSING_PEER: {
    status: 500,
    title: 'Optional Dependency Missing',
    description:
      "A feature needs an optional peer dependency that is not installed (a component's driver, the Dapr gRPC API, metrics, the docs page): raised at startup by `loadOptionalPeer`, or answered by the docs route; the error names who needs it and the exact `npm install` line.",
  },
  BND_ERR_APP_MODULE: {
    status: 500,
    title: 'Invalid App Module',
    description:
      'A `bindery` command was given a module whose default export is neither a Container nor a function returning one (see docs/openapi.md).',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type BuiltInErrorCode = keyof typeof builtIn;
/** A registered code. Applications may add their own (`registerErrorCode`), so any string is accepted. */
export type ErrorCode = BuiltInErrorCode | (string & {});

const registry = new Map<string, ErrorCodeInfo>(Object.entries(builtIn));

/**
 * Adds an application code to the registry; codes are unique, a second registration throws, and
 * the `BND_ERR_` prefix stays Bindery's (its codes link to Bindery's docs, an application's to
 * the container's `problemTypeBase`).
 */
export function registerErrorCode(code: string, info: ErrorCodeInfo): void {
  if (registry.has(code) || code in startupErrorCodes)
    throw new StartupError('BND_ERR_ERROR_CODE', `error code ${code} is already registered`);
  if (code.startsWith('BND_ERR_'))
    throw new StartupError(
      'BND_ERR_ERROR_CODE',
      `error code ${code}: the BND_ERR_ prefix is Bindery's own; give application codes another prefix`,
    );
  registry.set(code, info);
}

export function errorCodeInfo(code: string): ErrorCodeInfo | undefined {
  return registry.get(code);
}

/** Every registered code, built-in first. */
export function errorCodes(): ReadonlyMap<string, ErrorCodeInfo> {
  return registry;
}

export const builtInErrorCodes: Readonly<Record<BuiltInErrorCode, ErrorCodeInfo>> = builtIn;

const byStatus = new Map<number, BuiltInErrorCode>();
for (const [code, info] of Object.entries(builtIn) as [BuiltInErrorCode, ErrorCodeInfo][]) {
  if (code !== 'BND_ERR_HTTP' && !byStatus.has(info.status)) byStatus.set(info.status, code);
}

/** The registry's default code for a status (BND_ERR_HTTP when none is specific to it). */
export function codeForStatus(status: number): BuiltInErrorCode {
  return byStatus.get(status) ?? (status >= 500 ? 'BND_ERR_INTERNAL' : 'BND_ERR_HTTP');
}

/** Whether a code is one of Bindery's own (an answer or a startup code), not an application's. */
export function isBinderyErrorCode(code: string): boolean {
  return code in builtIn || code in startupErrorCodes;
}

const slug = (code: string) => code.toLowerCase().replaceAll('_', '-');

/**
 * The problem `type` URI of a code. Bindery's own codes link to their entry in docs/errors.md;
 * an application's codes link under the application's base (the container's
 * `problemTypeBase`): the base followed by the code in lower case with hyphens. Without a base an
 * application code's type is `about:blank`, RFC 9457's "no further meaning", rather than a link
 * into Bindery's docs where no entry for it exists.
 */
export function errorTypeUri(code: string, applicationBase?: string): string {
  if (isBinderyErrorCode(code)) return `https://bindery.dev/docs/errors#${slug(code)}`;
  return applicationBase === undefined ? 'about:blank' : `${applicationBase}${slug(code)}`;
}
