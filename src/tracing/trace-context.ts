import { randomFillSync } from 'node:crypto';

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);
const STATE_KEY = /^(?:[a-z0-9][_0-9a-z\-*/]{0,255}|[a-z0-9][_0-9a-z\-*/]{0,240}@[a-z][_0-9a-z\-*/]{0,13})$/;
const STATE_VALUE = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;
const MAX_STATE_MEMBERS = 32;

/** Random bytes for ids, drawn in batches: one syscall serves many spans. */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomHex(bytes: number): string {
  for (;;) {
    if (poolOffset + bytes > pool.length) {
      randomFillSync(pool);
      poolOffset = 0;
    }
    const hex = pool.toString('hex', poolOffset, poolOffset + bytes);
    poolOffset += bytes;
    // An all-zero id is invalid in W3C trace context; draw again (once in 2^64 at worst).
    if (!/^0+$/.test(hex)) return hex;
  }
}

/**
 * A W3C trace context (`traceparent` + `tracestate`): the trace a piece of work belongs to and
 * the id of its own span. Bindery gives one to every request and every binding call.
 */
export class TraceContext {
  constructor(
    readonly traceId: string,
    readonly spanId: string,
    /** Trace flags; bit 0 is "sampled". */
    readonly flags: number,
    /** The validated `tracestate` list, passed on unchanged; undefined when absent or invalid. */
    readonly traceState: string | undefined,
  ) {}

  /** A new trace, sampled: what a request without a valid `traceparent` starts. */
  static root(): TraceContext {
    return new TraceContext(randomHex(16), randomHex(8), 1, undefined);
  }

  /**
   * Reads a `traceparent` (and its `tracestate`) by the W3C rules: lower-case hex, version `ff`
   * refused, version 00 of exactly 55 characters, ids not all zero. Undefined when invalid.
   */
  static parse(traceparent: string | undefined, tracestate?: string | undefined): TraceContext | undefined {
    if (traceparent === undefined) return undefined;
    const match = TRACEPARENT.exec(traceparent.trim());
    if (match === null) return undefined;
    const [, version, traceId, spanId, flags, rest] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
      string | undefined,
    ];
    if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
    if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined;
    return new TraceContext(traceId, spanId, Number.parseInt(flags, 16), validTraceState(tracestate));
  }

  /**
   * The binary form gRPC carries in `grpc-trace-bin` (OpenCensus): version 0, then field 0
   * with the 16-byte trace id, field 1 with the 8-byte span id, field 2 with the options byte.
   */
  static fromGrpcTraceBin(bytes: Uint8Array | undefined): TraceContext | undefined {
    if (bytes === undefined || bytes.length < 29 || bytes[0] !== 0) return undefined;
    if (bytes[1] !== 0 || bytes[18] !== 1 || bytes[27] !== 2) return undefined;
    const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const traceId = hex.toString('hex', 2, 18);
    const spanId = hex.toString('hex', 19, 27);
    if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined;
    return new TraceContext(traceId, spanId, bytes[28]! & 1, undefined);
  }

  /** Work that continues an incoming context: a child of it when valid, else a new trace. */
  static continueFrom(traceparent: string | undefined, tracestate?: string | undefined): TraceContext {
    return TraceContext.parse(traceparent, tracestate)?.child() ?? TraceContext.root();
  }

  /** The context an event's metadata carries (`traceparent`, `tracestate`), continued or new. */
  static fromMetadata(metadata: Readonly<Record<string, string>>): TraceContext {
    return TraceContext.continueFrom(metadata.traceparent, metadata.tracestate);
  }

  get sampled(): boolean {
    return (this.flags & 1) === 1;
  }

  /** The same trace, a new span: what a call made by this work carries. */
  child(): TraceContext {
    return new TraceContext(this.traceId, randomHex(8), this.flags, this.traceState);
  }

  get traceparent(): string {
    return `00-${this.traceId}-${this.spanId}-${(this.flags & 0xff).toString(16).padStart(2, '0')}`;
  }

  /** `traceparent` (and `tracestate` when there is one) as binding metadata or headers. */
  toMetadata(): Record<string, string> {
    return this.traceState === undefined
      ? { traceparent: this.traceparent }
      : { traceparent: this.traceparent, tracestate: this.traceState };
  }
}

// The bundle turns a class that names itself inside its body into `class _TraceContext`; the
// name users see in logs and inspections stays the class's own.
Object.defineProperty(TraceContext, 'name', { value: 'TraceContext' });

/** A `tracestate` that follows the W3C list rules, else undefined (the spec says drop it). */
function validTraceState(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const members = text
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  if (members.length === 0 || members.length > MAX_STATE_MEMBERS) return undefined;
  const keys = new Set<string>();
  for (const member of members) {
    const eq = member.indexOf('=');
    if (eq <= 0) return undefined;
    const key = member.slice(0, eq);
    if (!STATE_KEY.test(key) || !STATE_VALUE.test(member.slice(eq + 1)) || keys.has(key)) return undefined;
    keys.add(key);
  }
  return members.join(',');
}
