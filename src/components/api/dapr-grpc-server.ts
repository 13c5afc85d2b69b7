import type * as grpc from '@grpc/grpc-js';
import { loadOptionalPeer } from '../../http/optional-peer.js';
import { ERR_INVOKE_OUTPUT_BINDING, isBindingError } from '../binding-error.js';
import type { BindingsRuntime } from '../bindings-runtime.js';
import { API_TOKEN_HEADER, configuredToken, tokenMatches } from './api-token.js';
import { apiAllowed, type DaprConfiguration, tracingEnabled } from './dapr-configuration.js';
import {
  type GrpcLibrary,
  grpcMetadata,
  httpCodeError,
  incomingTrace,
  mergeIncoming,
  outgoing,
  peerAddress,
  utf8,
} from './dapr-grpc-wire.js';
import { DaprHttpCore } from './dapr-http-core.js';
import { daprServiceDescriptor } from './dapr-service-descriptor.js';
import { type ErrorInfo, statusDetails } from './grpc-status-details.js';

export interface DaprGrpcOptions {
  /** The token clients must send in `dapr-api-token`; defaults to env DAPR_API_TOKEN. */
  readonly apiToken?: string;
  readonly onShutdown?: () => void;
  /** The HTTP API's core, whose metadata (extended attributes, features, app) both APIs share. */
  readonly core?: DaprHttpCore;
  /** Largest message accepted, in bytes (4 MiB by default, as in Dapr); 0 means no limit. */
  readonly maxMessageSize?: number;
  /** The `--config` allow and deny lists: a refused method answers Unimplemented, as in daprd. */
  readonly configuration?: Pick<DaprConfiguration, 'allowedApis' | 'deniedApis'> &
    Partial<Pick<DaprConfiguration, 'samplingRate'>>;
  /** Told of every call once answered (`--enable-api-logging`). */
  readonly onCall?: (call: { method: string; code: number; durationMs: number }) => void;
}

interface InvokeBindingRequest {
  name: string;
  data: Buffer;
  metadata: Record<string, string>;
  operation: string;
}

interface InvokeBindingResponse {
  data: Uint8Array;
  metadata: Record<string, string>;
}

interface GrpcRuntime {
  readonly grpc: GrpcLibrary;
  readonly service: grpc.ServiceDefinition;
}

let loading: Promise<GrpcRuntime> | undefined;

/**
 * grpc-js, proto-loader and the parsed Dapr service, loaded once per process on the first
 * `listen()`: an application that never serves gRPC does not pay their load time and memory
 * (about a tenth of a second and 5 MB) when it imports Bindery.
 */
function loadGrpc(): Promise<GrpcRuntime> {
  loading ??= (async () => {
    const usedBy = "Dapr's gRPC API";
    const [grpcLibrary, protoLoader] = await Promise.all([
      loadOptionalPeer(
        { name: '@grpc/grpc-js', usedBy, with: ['@grpc/proto-loader'] },
        () => import('@grpc/grpc-js'),
      ),
      loadOptionalPeer(
        { name: '@grpc/proto-loader', usedBy, with: ['@grpc/grpc-js'] },
        () => import('@grpc/proto-loader'),
      ),
    ]);
    const definition = protoLoader.fromJSON(daprServiceDescriptor, {
      keepCase: true,
      longs: String,
      defaults: true,
    });
    const loaded = grpcLibrary.loadPackageDefinition(definition) as unknown as {
      dapr: { proto: { runtime: { v1: { Dapr: grpc.ServiceClientConstructor } } } };
    };
    return { grpc: grpcLibrary, service: loaded.dapr.proto.runtime.v1.Dapr.service };
  })();
  return loading;
}

const INVOKE_BINDING = '/dapr.proto.runtime.v1.Dapr/InvokeBinding';

/** gRPC status codes this server answers with (the numbers are fixed by the gRPC protocol). */
const OK = 0 as grpc.status;
const PERMISSION_DENIED = 7 as grpc.status;
const RESOURCE_EXHAUSTED = 8 as grpc.status;
const UNIMPLEMENTED = 12 as grpc.status;
const INTERNAL = 13 as grpc.status;
const UNAUTHENTICATED = 16 as grpc.status;

/** The API group and version daprd's allow lists name each method by. */
const METHOD_GROUPS: Readonly<Record<string, { name: string; version: string }>> = {
  InvokeBinding: { name: 'bindings', version: 'v1' },
  GetMetadata: { name: 'metadata', version: 'v1' },
  SetMetadata: { name: 'metadata', version: 'v1' },
  Shutdown: { name: 'shutdown', version: 'v1' },
};

/**
 * grpc-js refuses an oversized message as soon as its length prefix arrives and ends the
 * stream while the client is still sending; clients that write the whole request first (the
 * Dapr SDK's ConnectRPC transport) then see the connection fail instead of the status. Up to
 * this many times the limit the message is read in full and refused with RESOURCE_EXHAUSTED.
 */
const READ_THROUGH_FACTOR = 16;

/**
 * Dapr's gRPC API (`dapr.proto.runtime.v1.Dapr`) for output bindings: InvokeBinding,
 * GetMetadata and Shutdown, with Dapr's token check, metadata merging, `metadata.*` headers and
 * Internal errors carrying an ErrorInfo detail.
 */
export class DaprGrpcServer {
  private server: grpc.Server | undefined;
  private readonly apiToken: string | undefined;
  private readonly core: DaprHttpCore;
  private boundPort: number | undefined;

  /** Trace context reaches components only while tracing is on (sampling rate not "0"), as in daprd. */
  private readonly traced: boolean;

  constructor(
    private readonly runtime: BindingsRuntime,
    private readonly options: DaprGrpcOptions = {},
  ) {
    this.apiToken = configuredToken(options.apiToken, process.env);
    this.core = options.core ?? new DaprHttpCore(runtime, { apiToken: this.apiToken });
    this.traced = tracingEnabled({ samplingRate: options.configuration?.samplingRate });
  }

  /**
   * Binds and starts serving; port 0 picks a free port. Resolves to the bound port. Call it
   * again with another host to serve on several interfaces (the same port for each).
   */
  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    const { grpc: library, service } = await loadGrpc();
    this.server ??= this.createServer(library, service);
    const server = this.server;
    return new Promise((resolve, reject) => {
      const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
      server.bindAsync(address, library.ServerCredentials.createInsecure(), (error, bound) => {
        if (error !== null) return reject(error);
        this.boundPort = bound;
        resolve(bound);
      });
    });
  }

  private createServer(library: GrpcLibrary, service: grpc.ServiceDefinition): grpc.Server {
    const limit = this.maxMessageSize();
    const transport = limit === -1 ? -1 : Math.min(limit * READ_THROUGH_FACTOR, 2 ** 31 - 1);
    const server = new library.Server({
      'grpc.max_receive_message_length': transport,
      'grpc.max_send_message_length': limit,
    });
    server.addService(service, {
      InvokeBinding: this.unary(
        library,
        'InvokeBinding',
        (call: grpc.ServerUnaryCall<InvokeBindingRequest, unknown>) =>
          this.invokeBinding(
            library,
            call as grpc.ServerUnaryCall<InvokeBindingRequest, InvokeBindingResponse>,
          ),
      ),
      GetMetadata: this.unary(library, 'GetMetadata', () => ({ value: grpcMetadata(this.core.metadata()) })),
      SetMetadata: this.unary(
        library,
        'SetMetadata',
        (call: grpc.ServerUnaryCall<{ key: string; value: string }, unknown>) => {
          // An empty key is a no-op in daprd.
          if (call.request.key === '') return { value: {} };
          const refused = this.core.extended.set(call.request.key, call.request.value);
          return refused === undefined
            ? { value: {} }
            : { error: { code: 3 as grpc.status, details: refused } };
        },
      ),
      Shutdown: this.unary(library, 'Shutdown', (call: grpc.ServerUnaryCall<unknown, unknown>) => {
        const refused = this.core.shutdownRefusal(peerAddress(call.getPeer()));
        if (refused !== undefined) return { error: { code: PERMISSION_DENIED, details: refused } };
        const onShutdown = this.options.onShutdown;
        if (onShutdown !== undefined) setImmediate(onShutdown);
        return { value: {} };
      }),
    });
    return server;
  }

  private maxMessageSize(): number {
    const size = this.options.maxMessageSize ?? 4 * 1024 * 1024;
    return size > 0 ? size : -1;
  }

  /**
   * One unary method with daprd's interceptors in daprd's order: the API token, then the allow
   * list, then the message size; the answer is logged when API logging is on.
   */
  private unary<Req>(
    library: GrpcLibrary,
    method: string,
    handle: (
      call: grpc.ServerUnaryCall<Req, unknown>,
    ) =>
      | { value: unknown; error?: undefined }
      | { error: Partial<grpc.StatusObject>; value?: undefined }
      | Promise<
          { value: unknown; error?: undefined } | { error: Partial<grpc.StatusObject>; value?: undefined }
        >,
  ) {
    return (call: grpc.ServerUnaryCall<Req, unknown>, done: grpc.sendUnaryData<unknown>) => {
      const started = performance.now();
      const finish = (error: Partial<grpc.StatusObject> | null, value?: unknown) => {
        this.options.onCall?.({
          method: `/dapr.proto.runtime.v1.Dapr/${method}`,
          code: error === null ? OK : (error.code ?? INTERNAL),
          durationMs: performance.now() - started,
        });
        done(error, value);
      };
      const refused =
        this.authorize(library, call.metadata) ??
        this.allowList(library, method) ??
        this.sizeCheck(call.request);
      if (refused !== undefined) return finish(refused);
      Promise.resolve()
        .then(() => handle(call))
        .then(
          (outcome) => (outcome.error === undefined ? finish(null, outcome.value) : finish(outcome.error)),
          (error: unknown) => finish({ code: INTERNAL, details: (error as Error).message }),
        );
    };
  }

  private allowList(library: GrpcLibrary, method: string): Partial<grpc.StatusObject> | undefined {
    const group = METHOD_GROUPS[method];
    const rules = this.options.configuration;
    if (group === undefined || rules === undefined || apiAllowed(rules, 'grpc', group)) return undefined;
    return httpCodeError(
      library,
      UNIMPLEMENTED,
      501,
      'Not Implemented',
      'requested endpoint is not available',
    );
  }

  /** grpc-go's own refusal text, for messages between the limit and the read-through ceiling. */
  private sizeCheck(request: unknown): Partial<grpc.StatusObject> | undefined {
    const limit = this.maxMessageSize();
    const data = (request as { data?: unknown }).data;
    if (limit === -1 || !(data instanceof Uint8Array) || data.byteLength <= limit) return undefined;
    return {
      code: RESOURCE_EXHAUSTED,
      details: `grpc: received message larger than max (${data.byteLength} vs. ${limit})`,
    };
  }

  get port(): number | undefined {
    return this.boundPort;
  }

  /** Lets calls under way finish (up to `timeoutMs`), then cuts the rest. */
  close(timeoutMs = 5000): Promise<void> {
    const server = this.server;
    if (server === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, timeoutMs);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async invokeBinding(
    library: GrpcLibrary,
    call: grpc.ServerUnaryCall<InvokeBindingRequest, InvokeBindingResponse>,
  ): Promise<{ value: InvokeBindingResponse } | { error: Partial<grpc.StatusObject> }> {
    const { name, operation } = call.request;
    const metadata = mergeIncoming({ ...call.request.metadata }, call.metadata);
    const data = new Uint8Array(
      call.request.data.buffer,
      call.request.data.byteOffset,
      call.request.data.byteLength,
    );
    try {
      const response = await this.runtime.enterTrace(
        INVOKE_BINDING,
        'server',
        incomingTrace(call.metadata),
        (trace) => this.runtime.send(name, { operation, data, metadata, trace, untraced: !this.traced }),
      );
      if (response === null) return { value: { data: new Uint8Array(0), metadata: {} } };
      call.sendMetadata(outgoing(library, response.metadata));
      return { value: { data: response.data, metadata: response.metadata } };
    } catch (error) {
      if (!isBindingError(error)) return { error: { code: INTERNAL, details: (error as Error).message } };
      const trailers = outgoing(library, error.response?.metadata ?? {});
      // Bindery keeps the remote answer's body (Dapr drops it) in the ErrorInfo, when it is text.
      const text = utf8(error.response?.data);
      const info: ErrorInfo = {
        reason: ERR_INVOKE_OUTPUT_BINDING,
        domain: 'dapr.io',
        metadata: text === undefined ? {} : { data: text },
      };
      trailers.set('grpc-status-details-bin', statusDetails(INTERNAL, error.daprMessage, info));
      return { error: { code: INTERNAL, details: error.daprMessage, metadata: trailers } };
    }
  }

  /**
   * daprd's token check: status Unauthenticated with the text `Unauthorized`; what went wrong is
   * in the ErrorInfo detail (`http.error_message`), as daprd's HTTP-status errors carry it.
   */
  private authorize(library: GrpcLibrary, metadata: grpc.Metadata): Partial<grpc.StatusObject> | undefined {
    if (this.apiToken === undefined) return undefined;
    const presented = metadata.get(API_TOKEN_HEADER)[0];
    if (presented === undefined)
      return httpCodeError(
        library,
        UNAUTHENTICATED,
        401,
        'Unauthorized',
        'missing api token in request metadata',
      );
    if (!tokenMatches(this.apiToken, String(presented)))
      return httpCodeError(
        library,
        UNAUTHENTICATED,
        401,
        'Unauthorized',
        'authentication error: api token mismatch',
      );
    return undefined;
  }
}
