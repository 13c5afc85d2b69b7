import { defaultBodyLimits } from '../../http/readers/body-limits.js';
import { TraceContext } from '../../tracing/index.js';
import { ERR_INVOKE_OUTPUT_BINDING, isBindingError } from '../binding-error.js';
import type { BindingsRuntime } from '../bindings-runtime.js';
import { API_TOKEN_HEADER, configuredToken, tokenMatches } from './api-token.js';
import { MalformedBodyError, parseBindingRequestBody } from './binding-request-body.js';
import { type DaprConfiguration, tracingEnabled } from './dapr-configuration.js';
import { ExtendedMetadata } from './extended-metadata.js';
import { type AppConnection, metadataDocument } from './metadata-document.js';

/** Request headers as node:http gives them: lower-case names. */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** A transport-independent answer; adapters copy it onto their response. */
export interface DaprHttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | string;
}

export interface DaprApiOptions {
  /** The token clients must send in `dapr-api-token`; defaults to env DAPR_API_TOKEN. */
  readonly apiToken?: string;
  /** Called after `POST /v1.0/shutdown` (or gRPC Shutdown) has been answered. */
  readonly onShutdown?: () => void;
  /**
   * Without an API token, shutdown is refused unless this is set and the caller is on a
   * loopback address: otherwise any process that can reach the port could stop the sidecar.
   */
  readonly shutdownWithoutToken?: boolean;
  /** What the `--config` files say: features to report, and whether trace context is passed on. */
  readonly configuration?: Pick<DaprConfiguration, 'samplingRate' | 'features'>;
  /** How the sidecar reaches the app, for the metadata answer. */
  readonly app?: AppConnection;
  /** Extended metadata store, shared with the gRPC API (one is created when absent). */
  readonly extended?: ExtendedMetadata;
  /**
   * Deepest nesting of arrays and objects in an invoke body (the app's `jsonDepth`, 128, by
   * default); deeper bodies get Dapr's 400 `ERR_MALFORMED_REQUEST`.
   */
  readonly jsonDepth?: number;
}

const JSON_TYPE = 'application/json';
const TEXT_TYPE = 'text/plain; charset=utf-8';
/** Header names must be HTTP tokens; a metadata key that is not one cannot become a header. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const decoder = new TextDecoder('utf-8', { fatal: true });
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point: headers cannot carry them.
const CONTROL_CHARACTERS = /[\x00-\x08\x0a-\x1f\x7f]+/g;

/**
 * Dapr's HTTP API for output bindings, independent of any server: each method takes what the
 * request carried and returns status, headers and body. daprHttpService routes requests here
 * and copies the answers out.
 */
export class DaprHttpCore {
  readonly apiToken: string | undefined;
  readonly extended: ExtendedMetadata;
  private readonly traceContext: boolean;

  constructor(
    readonly runtime: BindingsRuntime,
    private readonly options: DaprApiOptions = {},
  ) {
    this.apiToken = configuredToken(options.apiToken, process.env);
    this.extended = options.extended ?? new ExtendedMetadata();
    // daprd passes trace context to components only while tracing is on (sampling rate not 0).
    this.traceContext = tracingEnabled(options.configuration ?? { samplingRate: undefined });
  }

  /** 401 `invalid api token` when a token is configured and the request lacks it; healthz is exempt. */
  authorize(path: string, headers: RequestHeaders): DaprHttpAnswer | undefined {
    if (this.apiToken === undefined || isHealthz(path)) return undefined;
    if (tokenMatches(this.apiToken, single(headers[API_TOKEN_HEADER]))) return undefined;
    return { status: 401, headers: { 'content-type': TEXT_TYPE }, body: 'invalid api token' };
  }

  /**
   * `POST|PUT /v1.0/bindings/{name}`. `trace` is the request's own context (the WebService
   * passes `ctx.trace`); without it the `traceparent`/`tracestate` headers are continued, as
   * daprd continues them: the component gets a child context, never the caller's verbatim.
   */
  async handleInvoke(
    name: string,
    rawBody: Uint8Array,
    headers: RequestHeaders,
    trace?: TraceContext,
  ): Promise<DaprHttpAnswer> {
    let request: ReturnType<typeof parseBindingRequestBody>;
    try {
      request = parseBindingRequestBody(rawBody, this.options.jsonDepth ?? defaultBodyLimits.jsonDepth);
    } catch (error) {
      if (!(error instanceof MalformedBodyError)) throw error;
      return daprError(400, 'ERR_MALFORMED_REQUEST', `failed deserializing HTTP body: ${error.message}`);
    }
    // daprd passes the caller's context on (as a child) only while tracing is on.
    let parent: TraceContext | undefined;
    if (this.traceContext) {
      const baggage = single(headers.baggage);
      if (baggage !== undefined && baggage !== '') request.metadata.baggage = baggage;
      parent = trace ?? TraceContext.continueFrom(single(headers.traceparent), single(headers.tracestate));
    }
    try {
      const response = await this.runtime.send(name, {
        ...request,
        trace: parent,
        untraced: !this.traceContext,
      });
      if (response === null) return { status: 204, headers: {}, body: '' };
      return {
        status: 200,
        headers: { 'content-type': JSON_TYPE, ...metadataHeaders(response.metadata) },
        body: response.data,
      };
    } catch (error) {
      if (!isBindingError(error)) throw error;
      const extra: Record<string, string> = {};
      const data = error.response?.data;
      if (data !== undefined && data.length > 0) {
        // Bindery keeps what the remote system answered (Dapr drops it): text when it is UTF-8.
        const text = utf8OrUndefined(data);
        if (text !== undefined) extra.data = text;
        else extra.dataBase64 = Buffer.from(data).toString('base64');
      }
      const answer = daprError(500, ERR_INVOKE_OUTPUT_BINDING, error.daprMessage, extra);
      Object.assign(answer.headers, metadataHeaders(error.response?.metadata ?? {}));
      return answer;
    }
  }

  /**
   * A request over the body limit, answered as daprd does: its body reader fails with
   * "stream too large", which the bindings API reports as a malformed body.
   */
  handleBodyTooLarge(path: string): DaprHttpAnswer {
    if (path.startsWith('/v1.0/metadata/'))
      return daprError(400, 'ERR_BODY_READ', 'failed to read request body: stream too large');
    return daprError(400, 'ERR_MALFORMED_REQUEST', 'failed deserializing HTTP body: stream too large');
  }

  /**
   * Any request no API route takes (an unknown path, or a wrong method) falls to daprd's
   * service-invocation fallback. Bindery has no service invocation, so a request naming a target
   * app gets daprd's "not ready" answer and any other its "no app id" answer.
   */
  handleFallback(headers: RequestHeaders = {}): DaprHttpAnswer {
    if (single(headers['dapr-app-id']) !== undefined)
      return daprError(500, 'ERR_DIRECT_INVOKE', 'invoke API is not ready');
    return daprError(
      404,
      'ERR_DIRECT_INVOKE',
      'failed getting app id either from the URL path or the header dapr-app-id',
    );
  }

  /** Any other method on `/v1.0/bindings/{name}` falls to Dapr's service-invocation fallback. */
  handleWrongMethod(): DaprHttpAnswer {
    return this.handleFallback();
  }

  /** `GET /v1.0/metadata`. */
  handleMetadata(): DaprHttpAnswer {
    return json(200, this.metadata());
  }

  /** The metadata document both APIs report. */
  metadata(): ReturnType<typeof metadataDocument> {
    return metadataDocument(this.runtime, {
      extended: this.extended.toRecord(),
      features: this.options.configuration?.features ?? [],
      ...(this.options.app === undefined ? {} : { app: this.options.app }),
    });
  }

  /** `PUT /v1.0/metadata/{key}`: the raw body becomes an `extended` attribute, within bounds. */
  handlePutMetadata(key: string, rawBody: Uint8Array): DaprHttpAnswer {
    const refused = this.extended.set(key, Buffer.from(rawBody).toString('utf8'));
    if (refused !== undefined) return daprError(400, 'ERR_MALFORMED_REQUEST', refused);
    return { status: 204, headers: {}, body: '' };
  }

  /** `GET /v1.0/healthz`: 204 once the components are loaded; `?appid=` must match when given. */
  handleHealthz(appId?: string | null): DaprHttpAnswer {
    if (!this.runtime.started) return daprError(500, 'ERR_HEALTH_NOT_READY', 'dapr is not ready');
    if (appId !== undefined && appId !== null && appId !== (this.runtime.appId ?? '')) {
      return daprError(500, 'ERR_HEALTH_APPID_NOT_MATCH', 'dapr app-id does not match');
    }
    return { status: 204, headers: {}, body: '' };
  }

  /** `GET /v1.0/healthz/outbound`: outbound calls (bindings) work once the components are loaded. */
  handleOutboundHealthz(): DaprHttpAnswer {
    if (!this.runtime.started)
      return daprError(500, 'ERR_OUTBOUND_HEALTH_NOT_READY', 'dapr outbound is not ready');
    return { status: 204, headers: {}, body: '' };
  }

  /**
   * Whether a caller may shut the sidecar down: with a token configured the token check
   * already let it through; without one, only a loopback caller when the host allowed it.
   */
  shutdownRefusal(remoteAddress: string | undefined): string | undefined {
    if (this.apiToken !== undefined) return undefined;
    if (this.options.shutdownWithoutToken === true && isLoopback(remoteAddress)) return undefined;
    return 'shutdown needs the API token (DAPR_API_TOKEN), or --allow-shutdown-without-token and a caller on a loopback address';
  }

  /** `POST /v1.0/shutdown`: answers 204 first, then asks the host to stop. */
  handleShutdown(remoteAddress?: string): DaprHttpAnswer {
    const refused = this.shutdownRefusal(remoteAddress);
    if (refused !== undefined) return daprError(403, 'ERR_SHUTDOWN_FORBIDDEN', refused);
    const onShutdown = this.options.onShutdown;
    if (onShutdown !== undefined) setImmediate(onShutdown);
    return { status: 204, headers: {}, body: '' };
  }
}

/** 127.0.0.0/8, ::1, and IPv4 loopback written as an IPv6-mapped address. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const a = address.replace(/^::ffff:/i, '');
  return a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a);
}

function isHealthz(path: string): boolean {
  return path === '/v1.0/healthz' || path === '/v1.0/healthz/outbound';
}

function single(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

function json(status: number, body: unknown): DaprHttpAnswer {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) };
}

/** Dapr's error body: `{errorCode, message}` (not problem+json: this is Dapr's surface). */
function daprError(
  status: number,
  errorCode: string,
  message: string,
  extra: Record<string, string> = {},
): DaprHttpAnswer {
  return json(status, { errorCode, message, ...extra });
}

/**
 * `metadata.<key>` headers. Values go out as their UTF-8 bytes with line breaks turned into
 * spaces, as Go's server writes them; keys that cannot be header names are left out.
 */
function metadataHeaders(metadata: Readonly<Record<string, string>>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (!TOKEN.test(key)) continue;
    headers[`metadata.${key}`] = Buffer.from(value.replace(CONTROL_CHARACTERS, ' '), 'utf8').toString(
      'latin1',
    );
  }
  return headers;
}

function utf8OrUndefined(data: Uint8Array): string | undefined {
  try {
    return decoder.decode(data);
  } catch {
    return undefined;
  }
}
