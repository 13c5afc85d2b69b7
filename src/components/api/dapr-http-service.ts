import type { Context } from '../../http/index.js';
import { Result } from '../../http/index.js';
import { readRawBody } from '../../http/readers/index.js';
import { type Filter, WebService } from '../../service/index.js';
import type { BindingsRuntime } from '../bindings-runtime.js';
import { type DaprApiOptions, type DaprHttpAnswer, DaprHttpCore } from './dapr-http-core.js';

export interface DaprHttpServiceOptions extends DaprApiOptions {
  /** Largest request body accepted, in bytes (Dapr's default is 4 MiB, like the SDK's). */
  readonly maxBodySize?: number;
}

/**
 * Dapr's bindings API as an ordinary WebService under `/v1.0`: `POST|PUT /bindings/{name}`,
 * `GET /metadata`, `PUT /metadata/{key}`, `GET /healthz`, `GET /healthz/outbound` and
 * `POST /shutdown`, with the `dapr-api-token` check as a service filter. Answers keep Dapr's
 * shapes (`{errorCode, message}`, `metadata.*` headers), not problem+json: Dapr SDK clients
 * talk to it unchanged.
 */
export function daprHttpService(
  runtime: BindingsRuntime | DaprHttpCore,
  options: DaprHttpServiceOptions = {},
): WebService {
  const core = runtime instanceof DaprHttpCore ? runtime : new DaprHttpCore(runtime, options);
  const limits = { bodySize: options.maxBodySize ?? 4 * 1024 * 1024 };
  const body = (ctx: Context<unknown>): Promise<Buffer> => readRawBody(ctx.req, limits.bodySize, ctx.body);
  // Dapr ignores Accept. Clients send */* (fetch, the SDKs) or these; answers set their own type.
  const answerTypes = ['application/json', 'text/plain', 'application/octet-stream'];

  const ws = new WebService('/v1.0').doc("Dapr's output bindings API (HTTP)").tags('dapr');
  ws.produces(...answerTypes);
  ws.filter(tokenFilter(core));

  ws.post('/bindings/{name}')
    .doc('Invoke an output binding')
    .limits(limits)
    .to(async (_input, _deps, ctx) =>
      answer(await core.handleInvoke(ctx.params.name, await body(ctx), ctx.headers, ctx.trace)),
    );
  ws.put('/bindings/{name}')
    .doc('Invoke an output binding')
    .limits(limits)
    .to(async (_input, _deps, ctx) =>
      answer(await core.handleInvoke(ctx.params.name, await body(ctx), ctx.headers, ctx.trace)),
    );
  ws.route('*', '/bindings/{name}').to(() => answer(core.handleWrongMethod()));
  ws.get('/metadata')
    .doc("The runtime's metadata (components, version)")
    .to(() => answer(core.handleMetadata()));
  ws.put('/metadata/{key}')
    .doc('Set an extended metadata attribute')
    .limits(limits)
    .to(async (_input, _deps, ctx) => answer(core.handlePutMetadata(ctx.params.key, await body(ctx))));
  ws.get('/healthz')
    .doc('204 once every component is loaded')
    .to((_input, _deps, ctx) => answer(core.handleHealthz(ctx.query.get('appid'))));
  ws.get('/healthz/outbound')
    .doc('204 once output bindings can be invoked')
    .to(() => answer(core.handleOutboundHealthz()));
  ws.post('/shutdown')
    .doc('Stop the process (answered first)')
    .to(() => answer(core.handleShutdown()));
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
