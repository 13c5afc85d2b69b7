import type * as grpc from '@grpc/grpc-js';
import { TraceContext } from '../../tracing/index.js';
import { API_TOKEN_HEADER } from './api-token.js';
import { type ErrorInfo, statusDetails } from './grpc-status-details.js';
import type { MetadataDocument } from './metadata-document.js';

// How Dapr's gRPC API puts things on the wire: error details, metadata in and out, the
// caller's trace context, GetMetadata's message.

export type GrpcLibrary = typeof import('@grpc/grpc-js');

/**
 * An error daprd builds from an HTTP status (ErrorFromHTTPResponseCode): the status text as the
 * message, and an ErrorInfo whose reason is that text, with `http.code` and `http.error_message`.
 */
export function httpCodeError(
  library: GrpcLibrary,
  code: grpc.status,
  httpStatus: number,
  statusText: string,
  detail: string,
): Partial<grpc.StatusObject> {
  const info: ErrorInfo = {
    reason: statusText,
    domain: 'dapr.io',
    // daprd cuts the detail to 63 characters.
    metadata: { 'http.code': String(httpStatus), 'http.error_message': detail.slice(0, 63) },
  };
  return {
    code,
    details: statusText,
    metadata: detailsTrailer(library, statusDetails(code, statusText, info)),
  };
}

export function detailsTrailer(library: GrpcLibrary, details: Buffer): grpc.Metadata {
  const trailer = new library.Metadata();
  trailer.set('grpc-status-details-bin', details);
  return trailer;
}

/** GetMetadata's message, from the document the HTTP API answers. */
export function grpcMetadata(document: MetadataDocument): unknown {
  const app = document.appConnectionProperties;
  return {
    id: document.id ?? '',
    registered_components: document.components ?? [],
    extended_metadata: document.extended,
    app_connection_properties: {
      port: app.port ?? 0,
      protocol: app.protocol,
      channel_address: app.channelAddress,
      max_concurrency: app.maxConcurrency ?? 0,
    },
    runtime_version: document.runtimeVersion,
    enabled_features: document.enabledFeatures ?? [],
    actor_runtime: { runtime_status: 'DISABLED', host_ready: false, placement: '' },
  };
}

/** The address of a grpc-js peer (`127.0.0.1:5000`, `[::1]:5000`, `ipv4:…`). */
export function peerAddress(peer: string): string | undefined {
  const text = peer.replace(/^ipv[46]:/, '');
  const bracketed = /^\[([^\]]+)\]/.exec(text);
  if (bracketed !== null) return bracketed[1];
  const colon = text.lastIndexOf(':');
  return colon === -1 ? text : text.slice(0, colon);
}

/**
 * Dapr copies the call's gRPC headers into the binding metadata, never over a key the request
 * set; `grpc-*` and pseudo-headers get a `dapr-` prefix. The API token is not passed on.
 */
export function mergeIncoming(
  metadata: Record<string, string>,
  incoming: grpc.Metadata,
): Record<string, string> {
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
export function incomingTrace(incoming: grpc.Metadata): TraceContext | undefined {
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

export function utf8(data: Uint8Array | undefined): string | undefined {
  if (data === undefined || data.length === 0) return undefined;
  try {
    return strict.decode(data);
  } catch {
    return undefined;
  }
}

/** Response metadata as `metadata.<key>` gRPC headers; values gRPC cannot carry are left out. */
export function outgoing(library: GrpcLibrary, metadata: Readonly<Record<string, string>>): grpc.Metadata {
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
