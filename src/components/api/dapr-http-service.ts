import type { Context } from '../../http/index.js';
import { isHttpError, Result } from '../../http/index.js';
import { readRawBody } from '../../http/readers/index.js';
import { type Filter, WebService } from '../../service/index.js';
import type { BindingsRuntime } from '../bindings-runtime.js';
import { apiAllowed, type DaprConfiguration } from './dapr-configuration.js';
import { type DaprApiOptions, type DaprHttpAnswer, DaprHttpCore } from './dapr-http-core.js';
import { DaprBindingRequest, DaprMetadataValue } from './dapr-http-schemas.js';

export interface DaprHttpServiceOptions extends DaprApiOptions {
  /** Largest request body accepted, in bytes (daprd's default is 4 MiB); 0 means no limit. */
  readonly maxBodySize?: number;
  /** The `--config` allow and deny lists: a denied API is not served, as in daprd. */
  readonly configuration?: Pick<
    DaprConfiguration,
    'samplingRate' | 'features' | 'allowedApis' | 'deniedApis'
  >;
}

/** daprd's default for `--max-body-size`. */
export const DEFAULT_MAX_BODY_SIZE = 4 * 1024 * 1024;

/**
 * Dapr's bindings API as an ordinary WebService under `/v1.0`: `POST|PUT /bindings/{name}`,
 * `GET /metadata`, `PUT /metadata/{key}`, `GET /healthz`, `GET /healthz/outbound` and
 * `POST /shutdown`, with the `dapr-api-token` check as a service filter. Answers keep Dapr's
 * shapes (`{errorCode, message}`, `metadata.*` headers), not problem+json: Dapr SDK clients
 * talk to it unchanged. Anything else under `/v1.0` gets daprd's fallback answer.
 */
export function daprHttpService(
  runtime: BindingsRuntime | DaprHttpCore,
  options: DaprHttpServiceOptions = {},
): WebService {
  const core = runtime instanceof DaprHttpCore ? runtime : new DaprHttpCore(runtime, options);
  const configured = options.maxBodySize ?? DEFAULT_MAX_BODY_SIZE;
  const maxBody = configured > 0 ? configured : Number.MAX_SAFE_INTEGER;
  // The route limit stays open: the handlers apply maxBody themselves, so an oversized body gets
  // daprd's 400 answer instead of the container's 413 problem.
  const limits = { bodySize: Number.MAX_SAFE_INTEGER };
  const withBody =
    (
      handle: (
        ctx: Context<{ name?: string; key?: string }>,
        body: Buffer,
      ) => DaprHttpAnswer | Promise<DaprHttpAnswer>,
    ) =>
    async (_input: unknown, _deps: unknown, ctx: Context<{ name?: string; key?: string }>) => {
      let body: Buffer;
      try {
        body = await readRawBody(ctx.req, maxBody, ctx.body);
      } catch (error) {
        if (isHttpError(error) && error.status === 413) return answer(core.handleBodyTooLarge(ctx.path));
        throw error;
      }
      return answer(await handle(ctx, body));
    };
  const allowed = (name: string, path: string) =>
    apiAllowed(options.configuration ?? { allowedApis: [], deniedApis: [] }, 'http', {
      name,
      version: 'v1',
      path,
    });
  // Dapr ignores Accept. Clients send */* (fetch, the SDKs) or these; answers set their own type.
  const answerTypes = ['application/json', 'text/plain', 'application/octet-stream'];

  const ws = new WebService('/v1.0').doc("Dapr's output bindings API (HTTP)").tags('dapr');
  ws.produces(...answerTypes);
  ws.filter(tokenFilter(core));

  if (allowed('bindings', 'v1.0/bindings/{name}')) {
    const invoke = withBody((ctx, body) => core.handleInvoke(ctx.params.name!, body, ctx.headers, ctx.trace));
    for (const method of ['post', 'put'] as const) {
      ws[method]('/bindings/{name}')
        .doc('Invoke an output binding')
        .requestBody(DaprBindingRequest)
        .limits(limits)
        .to(invoke);
    }
    ws.route('*', '/bindings/{name}')
      .doc("Other methods get daprd's service-invocation fallback answer")
      .to(() => answer(core.handleWrongMethod()));
  }
  if (allowed('metadata', 'v1.0/metadata')) {
    ws.get('/metadata')
      .doc("The runtime's metadata (components, version)")
      .to(() => answer(core.handleMetadata()));
    ws.put('/metadata/{key}')
      .doc('Set an extended metadata attribute')
      .requestBody(DaprMetadataValue, 'text/plain')
      .limits(limits)
      .to(withBody((ctx, body) => core.handlePutMetadata(ctx.params.key!, body)));
  }
  // daprd always serves the health checks, whatever the allow list says.
  ws.get('/healthz')
    .doc('204 once every component is loaded')
    .to((_input, _deps, ctx) => answer(core.handleHealthz(ctx.query.get('appid'))));
  ws.get('/healthz/outbound')
    .doc('204 once output bindings can be invoked')
    .to(() => answer(core.handleOutboundHealthz()));
  if (allowed('shutdown', 'v1.0/shutdown')) {
    ws.post('/shutdown')
      .doc('Stop the process (answered first)')
      .to((_input, _deps, ctx) => answer(core.handleShutdown(ctx.req.socket.remoteAddress)));
  }
  ws.route('*', '/{path:*}')
    .doc("daprd's answer to any other request (its service-invocation fallback)")
    .to((_input, _deps, ctx) => answer(core.handleFallback(ctx.headers)));
  return ws;
}

/**
 * The sidecar's answer outside `/v1.0`: daprd sends every request it has no route for to its
 * service-invocation fallback, so `/v1.0-alpha1/…` or `/anything` get the same Dapr error.
 */
export function daprFallbackService(core: DaprHttpCore): WebService {
  const ws = new WebService('/').doc("daprd's fallback for paths outside /v1.0").tags('dapr');
  ws.produces('application/json', 'text/plain');
  ws.filter(tokenFilter(core));
  ws.route('*', '/{path:*}').to((_input, _deps, ctx) => answer(core.handleFallback(ctx.headers)));
  return ws;
}

function tokenFilter(core: DaprHttpCore): Filter {
  return async (ctx, next) => {
    const denied = core.authorize(ctx.path, ctx.headers);
    if (denied !== undefined) {
      ctx.result = answer(denied);
      return;
    }
    await next();
  };
}

/** The core's answer as a Result whose body is written as-is (bytes, with its own Content-Type). */
function answer(a: DaprHttpAnswer): Result<Buffer | undefined> {
  const payload =
    a.status === 204 ? undefined : typeof a.body === 'string' ? Buffer.from(a.body) : Buffer.from(a.body);
  return new Result(a.status, payload, a.headers);
}
