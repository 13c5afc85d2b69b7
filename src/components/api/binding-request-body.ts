import { jsonDepthExceeded } from '../../http/readers/json-depth.js';
import { goJsonMarshal } from '../go-json.js';
import { decodeFirstJsonValue } from './go-json-decode.js';

/** Dapr's `{data, metadata, operation}` body, with `data` already re-encoded for the component. */
export interface BindingRequestBody {
  readonly operation: string;
  readonly data: Uint8Array;
  readonly metadata: Record<string, string>;
}

/** Malformed body: answered 400 `ERR_MALFORMED_REQUEST` with "failed deserializing HTTP body: …". */
export class MalformedBodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedBodyError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });
const TYPE = 'http.OutputBindingRequest';

/**
 * Decodes the body as Dapr's Go server does: field names match case-insensitively (Go's
 * encoding/json), metadata values must be strings, and `data` is decoded then marshalled again
 * (so a JSON string reaches the component quoted, and a missing `data` as `null`). The error
 * texts follow Go's where a client could see the difference. Nesting deeper than `maxDepth` is
 * refused before parsing, in the words of Go's decoder, which has such a limit too.
 */
export function parseBindingRequestBody(raw: Uint8Array, maxDepth: number): BindingRequestBody {
  const text = decoder.decode(raw);
  if (text.trim() !== '' && jsonDepthExceeded(text, maxDepth) !== -1)
    throw new MalformedBodyError(`json: exceeded max depth of ${maxDepth}`);
  const decoded = decodeFirstJsonValue(text);
  if (!decoded.ok) throw new MalformedBodyError(decoded.message);
  const value = decoded.value;
  if (value === null) return { operation: '', data: encoder.encode('null'), metadata: {} };
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new MalformedBodyError(`json: cannot unmarshal ${jsonKind(value)} into Go value of type ${TYPE}`);
  }
  let operation = '';
  let data: unknown = null;
  let metadata: Record<string, string> = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    switch (key.toLowerCase()) {
      case 'operation':
        if (field !== null && typeof field !== 'string') throw fieldError(field, 'operation', 'string');
        operation = field ?? operation;
        break;
      case 'data':
        data = field;
        break;
      case 'metadata':
        metadata = readMetadata(field, metadata);
        break;
      default:
        break;
    }
  }
  return { operation, data: encoder.encode(goJsonMarshal(data)), metadata };
}

function readMetadata(field: unknown, previous: Record<string, string>): Record<string, string> {
  if (field === null) return previous;
  if (typeof field !== 'object' || Array.isArray(field))
    throw fieldError(field, 'metadata', 'map[string]string');
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(field as Record<string, unknown>)) {
    if (value === null) metadata[key] = '';
    else if (typeof value === 'string') metadata[key] = value;
    else throw fieldError(value, `metadata`, 'string');
  }
  return metadata;
}

function fieldError(value: unknown, field: string, goType: string): MalformedBodyError {
  return new MalformedBodyError(
    `json: cannot unmarshal ${jsonKind(value)} into Go struct field OutputBindingRequest.${field} of type ${goType}`,
  );
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'object' && value !== null) return 'object';
  return typeof value;
}
