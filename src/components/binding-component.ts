import type { Logger } from 'pino';
import type { TraceContext } from '../tracing/index.js';
import type { MetadataFields, MetadataValues } from './metadata-fields.js';

/** Response or request metadata: string keys to string values, as on Dapr's wire. */
export type BindingMetadata = Record<string, string>;

/** What a caller sends to a binding. Request metadata keys are case-sensitive. */
export interface OutboundRequest<Op extends string = string> {
  readonly operation: Op;
  readonly data: Uint8Array;
  readonly metadata: Readonly<BindingMetadata>;
  /** Aborts the call early (a client that went away, a caller's own deadline). */
  readonly signal?: AbortSignal | undefined;
  /**
   * The caller's trace context (a request's `ctx.trace`): the call runs under a child of it.
   * Without one a valid `traceparent` in the metadata is the parent, else the active span's
   * context, else a new trace.
   */
  readonly trace?: TraceContext | undefined;
}

/**
 * What a component receives for one invocation: the request plus a signal that fires when the
 * call's deadline passes or its caller gives up. A component hands it to its driver (fetch,
 * node:http, the database client) so the work stops instead of running on unobserved.
 */
export interface InvokeRequest<Op extends string = string> extends OutboundRequest<Op> {
  readonly signal: AbortSignal;
}

/** A component's answer. `null` (no response at all) is answered 204 by the HTTP API. */
export interface InvokeResponse {
  readonly data: Uint8Array;
  readonly metadata: BindingMetadata;
}

/**
 * An output binding instance: one per component declaration. `init` gets the metadata already
 * validated against the component type's declared fields.
 */
export interface OutputBinding<Op extends string = string, M = unknown> {
  init(metadata: M): Promise<void>;
  operations(): readonly Op[];
  invoke(request: InvokeRequest<Op>): Promise<InvokeResponse | null>;
  close(): Promise<void>;
  /**
   * Milliseconds one call may take, from the component's own metadata (Dapr's names: redis
   * `readTimeout`, http `responseTimeout`, postgresql `timeout`). `undefined` leaves the
   * runtime's default (`callTimeout`, 30 s); `Infinity` means the component set no limit.
   */
  callTimeout?(): number | undefined;
}

/** What the runtime hands a new instance: its name and where to log. */
export interface ComponentContext {
  readonly name: string;
  readonly appId: string | undefined;
  readonly logger: Logger;
  /** The environment the runtime reads (process.env unless a test gives its own). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * A component type (`bindings.redis`): its declared operations and metadata fields, and a
 * factory for instances. The declarations drive load-time checks, `/v1.0/metadata` and docs.
 */
export interface BindingComponentType<Op extends string = string, F extends MetadataFields = MetadataFields> {
  /** Lowercase type as written in `spec.type`, e.g. `bindings.localstorage`. */
  readonly type: string;
  /** Other accepted type names (`bindings.postgres` for `bindings.postgresql`). */
  readonly aliases?: readonly string[];
  readonly description: string;
  readonly operations: readonly Op[];
  readonly metadata: F;
  create(context: ComponentContext): OutputBinding<Op, MetadataValues<F>>;
}

/** A component type with its generics erased, as registries store it. */
export type AnyBindingComponentType = BindingComponentType<string, MetadataFields>;

/** Declares a component type, keeping the literal operation and field types for inference. */
export function defineBindingType<const Op extends string, const F extends MetadataFields>(
  type: BindingComponentType<Op, F>,
): BindingComponentType<Op, F> {
  return type;
}
