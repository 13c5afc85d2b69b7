/**
 * The `grpc-status-details-bin` trailer Dapr attaches to binding errors: a google.rpc.Status
 * whose details hold one google.rpc.ErrorInfo (reason, domain `dapr.io`, metadata). Encoded by
 * hand: three small messages do not justify a protobuf runtime.
 */
export interface ErrorInfo {
  readonly reason: string;
  readonly domain: string;
  readonly metadata: Readonly<Record<string, string>>;
}

const ERROR_INFO_TYPE = 'type.googleapis.com/google.rpc.ErrorInfo';

export function statusDetails(code: number, message: string, info: ErrorInfo): Buffer {
  const errorInfo = Buffer.concat([
    stringField(1, info.reason),
    stringField(2, info.domain),
    ...Object.entries(info.metadata).map(([k, v]) =>
      bytesField(3, Buffer.concat([stringField(1, k), stringField(2, v)])),
    ),
  ]);
  const any = Buffer.concat([stringField(1, ERROR_INFO_TYPE), bytesField(2, errorInfo)]);
  return Buffer.concat([varintField(1, code), stringField(2, message), bytesField(3, any)]);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value >>> 0;
  while (v > 0x7f) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

function varintField(field: number, value: number): Buffer {
  return value === 0 ? Buffer.alloc(0) : Buffer.concat([varint(field << 3), varint(value)]);
}

function bytesField(field: number, value: Buffer): Buffer {
  return Buffer.concat([varint((field << 3) | 2), varint(value.length), value]);
}

function stringField(field: number, value: string): Buffer {
  return value === '' ? Buffer.alloc(0) : bytesField(field, Buffer.from(value, 'utf8'));
}
