import { fileURLToPath } from 'node:url';
import type * as grpc from '@grpc/grpc-js';
import { TraceContext } from '../../tracing/index.js';
import { ERR_INVOKE_OUTPUT_BINDING, isBindingError } from '../binding-error.js';
import type { BindingsRuntime } from '../bindings-runtime.js';
import { API_TOKEN_HEADER, configuredToken, tokenMatches } from './api-token.js';
import { type ErrorInfo, statusDetails } from './grpc-status-details.js';
import { metadataDocument } from './metadata-document.js';

export interface DaprGrpcOptions {
  /** The token clients must send in `dapr-api-token`; defaults to env DAPR_API_TOKEN. */
  readonly apiToken?: string;
  readonly onShutdown?: () => void;
  /** Extended metadata to report (the HTTP API's `PUT /v1.0/metadata/{key}` attributes). */
  readonly extendedMetadata?: () => Readonly<Record<string, string>>;
  /** Largest message accepted, in bytes (4 MiB by default, as in Dapr). */
  readonly maxMessageSize?: number;
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

const PROTO_PATH = fileURLToPath(new URL('./dapr.proto', import.meta.url));

type GrpcLibrary = typeof import('@grpc/grpc-js');

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
    const [grpcLibrary, protoLoader] = await Promise.all([
      import('@grpc/grpc-js'),
      import('@grpc/proto-loader'),
    ]);
    const definition = protoLoader.loadSync(PROTO_PATH, { keepCase: true, longs: String, defaults: true });
    const loaded = grpcLibrary.loadPackageDefinition(definition) as unknown as {
      dapr: { proto: { runtime: { v1: { Dapr: grpc.ServiceClientConstructor } } } };
    };
    return { grpc: grpcLibrary, service: loaded.dapr.proto.runtime.v1.Dapr.service };
  })();
  return loading;
}

const INVOKE_BINDING = '/dapr.proto.runtime.v1.Dapr/InvokeBinding';

/** gRPC status codes this server answers with (the numbers are fixed by the gRPC protocol). */
const INTERNAL = 13 as grpc.status;
const UNAUTHENTICATED = 16 as grpc.status;

/**
 * Dapr's gRPC API (`dapr.proto.runtime.v1.Dapr`) for output bindings: InvokeBinding,
 * GetMetadata and Shutdown, with Dapr's token check, metadata merging, `metadata.*` headers and
 * Internal errors carrying an ErrorInfo detail.
 */
export class DaprGrpcServer {
  private server: grpc.Server | undefined;
  private readonly apiToken: string | undefined;
  private boundPort: number | undefined;

  constructor(
    private readonly runtime: BindingsRuntime,
    private readonly options: DaprGrpcOptions = {},
  ) {
    this.apiToken = configuredToken(options.apiToken, process.env);
  }

  /** Binds and starts serving; port 0 picks a free port. Resolves to the bound port. */
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
    const size = this.options.maxMessageSize ?? 4 * 1024 * 1024;
    const server = new library.Server({
      'grpc.max_receive_message_length': size,
      'grpc.max_send_message_length': size,
    });
    server.addService(service, {
      InvokeBinding: (
        call: grpc.ServerUnaryCall<InvokeBindingRequest, InvokeBindingResponse>,
        done: grpc.sendUnaryData<InvokeBindingResponse>,
      ) => {
        void this.invokeBinding(library, call, done);
      },
      GetMetadata: (call: grpc.ServerUnaryCall<unknown, unknown>, done: grpc.sendUnaryData<unknown>) => {
        const denied = this.authorize(call.metadata);
        if (denied !== undefined) return done(denied);
        done(null, this.metadata());
      },
      Shutdown: (call: grpc.ServerUnaryCall<unknown, unknown>, done: grpc.sendUnaryData<unknown>) => {
        const denied = this.authorize(call.metadata);
        if (denied !== undefined) return done(denied);
        done(null, {});
        const onShutdown = this.options.onShutdown;
        if (onShutdown !== undefined) setImmediate(onShutdown);
      },
    });
    return server;
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
    done: grpc.sendUnaryData<InvokeBindingResponse>,
  ): Promise<void> {
    const denied = this.authorize(call.metadata);
    if (denied !== undefined) return done(denied);
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
        (trace) => this.runtime.send(name, { operation, data, metadata, trace }),
      );
      if (response === null) return done(null, { data: new Uint8Array(0), metadata: {} });
      call.sendMetadata(outgoing(library, response.metadata));
      done(null, { data: response.data, metadata: response.metadata });
    } catch (error) {
      if (!isBindingError(error)) {
        return done({ code: INTERNAL, details: (error as Error).message });
      }
      const trailers = outgoing(library, error.response?.metadata ?? {});
      // Bindery keeps the remote answer's body (Dapr drops it) in the ErrorInfo, when it is text.
      const text = utf8(error.response?.data);
      const info: ErrorInfo = {
        reason: ERR_INVOKE_OUTPUT_BINDING,
        domain: 'dapr.io',
        metadata: text === undefined ? {} : { data: text },
      };
      trailers.set('grpc-status-details-bin', statusDetails(INTERNAL, error.daprMessage, info));
      done({ code: INTERNAL, details: error.daprMessage, metadata: trailers });
    }
  }

  private metadata(): unknown {
    const document = metadataDocument(this.runtime, this.options.extendedMetadata?.() ?? {});
    return {
      id: document.id ?? '',
      registered_components: document.components ?? [],
      extended_metadata: document.extended,
      runtime_version: document.runtimeVersion,
      enabled_features: [],
    };
  }

  private authorize(metadata: grpc.Metadata): Partial<grpc.StatusObject> | undefined {
    if (this.apiToken === undefined) return undefined;
    const presented = metadata.get(API_TOKEN_HEADER)[0];
    if (presented === undefined) {
      return { code: UNAUTHENTICATED, details: 'missing api token in request metadata' };
    }
    if (!tokenMatches(this.apiToken, String(presented))) {
      return { code: UNAUTHENTICATED, details: 'authentication error: api token mismatch' };
    }
    return undefined;
  }
}

/**
 * Dapr copies the call's gRPC headers into the binding metadata, never over a key the request
 * set; `grpc-*` and pseudo-headers get a `dapr-` prefix. The API token is not passed on.
 */
function mergeIncoming(metadata: Record<string, string>, incoming: grpc.Metadata): Record<string, string> {
  for (const [rawKey, value] of Object.entries(incoming.getMap())) {
    if (rawKey === API_TOKEN_HEADER || typeof value !== 'string') continue;
    const key = rawKey.startsWith(':')
      ? `dapr-${rawKey.slice(1)}`
      : rawKey.startsWith('grpc-')
        ? `dapr-${rawKey}`
        : rawKey;
    if (!(key in metadata)) metadata[key] = value;
  }
  return metadata;
}

/**
 * The caller's trace context: W3C `traceparent`/`tracestate` metadata, else the binary
 * `grpc-trace-bin` that gRPC clients with OpenCensus-style propagation send.
 */
function incomingTrace(incoming: grpc.Metadata): TraceContext | undefined {
  const text = (key: string) => {
    const value = incoming.get(key)[0];
    return typeof value === 'string' ? value : undefined;
  };
  const w3c = TraceContext.parse(text('traceparent'), text('tracestate'));
  if (w3c !== undefined) return w3c;
  const binary = incoming.get('grpc-trace-bin')[0];
  return typeof binary === 'string' ? undefined : TraceContext.fromGrpcTraceBin(binary);
}

const strict = new TextDecoder('utf-8', { fatal: true });

function utf8(data: Uint8Array | undefined): string | undefined {
  if (data === undefined || data.length === 0) return undefined;
  try {
    return strict.decode(data);
  } catch {
    return undefined;
  }
}

/** Response metadata as `metadata.<key>` gRPC headers; values gRPC cannot carry are left out. */
function outgoing(library: GrpcLibrary, metadata: Readonly<Record<string, string>>): grpc.Metadata {
  const out = new library.Metadata();
  for (const [key, value] of Object.entries(metadata)) {
    try {
      out.set(`metadata.${key.toLowerCase()}`, value);
    } catch {
      // Non-ASCII or control characters: gRPC headers cannot hold them; the body still has the data.
    }
  }
  return out;
}
