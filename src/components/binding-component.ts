import type { Logger } from 'pino';
import type { TraceContext } from '../tracing/index.js';
import type { Clock } from './clock.js';
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
  /**
   * Tracing is off for this call (daprd's `samplingRate: "0"`): the component gets the metadata
   * as sent, with no trace context added.
   */
  readonly untraced?: boolean | undefined;
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
   * Optional: proves the external system still answers (a PING, a `SELECT 1`). Readiness probes
   * call it; a component without it counts as up once it has initialized.
   */
  ping?(signal: AbortSignal): Promise<void>;
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
  /** Time for schedules and waits: the system clock unless the runtime was given another. */
  readonly clock: Clock;
}

/** One event an input binding read: its bytes, and metadata the app receives as HTTP headers. */
export interface InputEvent {
  readonly data: Uint8Array;
  readonly metadata: Readonly<BindingMetadata>;
}

/**
 * Where a component hands each event it read. It resolves with the app's answer body when the
 * app acknowledged the event (a 2xx), and rejects when the app refused it or could not be
 * reached; the component then acknowledges or refuses the event in its own system's terms.
 */
export type InputHandler = (event: InputEvent) => Promise<Uint8Array>;

/** How an input binding is asked to read. */
export interface ReadOptions {
  /**
   * The most events the runtime lets be in flight for this binding at once. A component that
   * pulls from a broker asks for no more than this (a prefetch window), so a slow app slows
   * consumption instead of piling events up in memory.
   */
  readonly maxInFlight: number;
}

/**
 * An input binding instance: one per component declaration whose direction includes input.
 * `read` starts consuming; `stop` stops taking new events while those in flight finish (and
 * are still acknowledged); `close` releases connections once nothing is in flight.
 */
export interface InputBinding<M = unknown> {
  init(metadata: M): Promise<void>;
  read(handler: InputHandler, options: ReadOptions): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A component type (`bindings.redis`): its declared operations and metadata fields, and
 * factories for instances. The declarations drive load-time checks, `/v1.0/metadata` and docs.
 * A type that reads events has `createInput`; one that is invoked has `create`. As in Dapr, a
 * component file of a type with both gets two instances (each with its own connections).
 */
export interface BindingComponentType<Op extends string = string, F extends MetadataFields = MetadataFields> {
  /** Lowercase type as written in `spec.type`, e.g. `bindings.localstorage`. */
  readonly type: string;
  /** Other accepted type names (`bindings.postgres` for `bindings.postgresql`). */
  readonly aliases?: readonly string[];
  readonly description: string;
  /** Output operations; empty for an input-only type. */
  readonly operations: readonly Op[];
  readonly metadata: F;
  /** Fields that apply to one direction only, for the docs (`prefetchCount`: input). */
  readonly fieldDirections?: Readonly<Partial<Record<keyof F, 'input' | 'output'>>>;
  create?(context: ComponentContext): OutputBinding<Op, MetadataValues<F>>;
  createInput?(context: ComponentContext): InputBinding<MetadataValues<F>>;
  /**
   * Where input events are read when the app runs on several workers (`bindery serve`):
   * `app` (the default) reads in the leader worker only, so each event reaches the app once, as
   * with one process (a cron tick, a topic subscription); `worker` reads in every worker, for
   * brokers whose consumers of one queue share its messages.
   */
  readonly inputScope?: 'app' | 'worker';
}

/** A component type with its generics erased, as registries store it. */
export type AnyBindingComponentType = BindingComponentType<string, MetadataFields>;

/** The directions a component type serves, as Dapr's metadata calls them. */
export function directionsOf(type: AnyBindingComponentType): ('input' | 'output')[] {
  const directions: ('input' | 'output')[] = [];
  if (type.createInput !== undefined) directions.push('input');
  if (type.create !== undefined) directions.push('output');
  return directions;
}

/** Declares a component type, keeping the literal operation and field types for inference. */
export function defineBindingType<const Op extends string, const F extends MetadataFields>(
  type: BindingComponentType<Op, F>,
): BindingComponentType<Op, F> {
  return type;
}
