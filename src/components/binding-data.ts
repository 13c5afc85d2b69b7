import type { BindingMetadata, InvokeResponse } from './binding-component.js';

const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * In-process data, encoded the way the Dapr SDK's gRPC client sends it (the wire with no
 * re-quoting): bytes as they are, strings as UTF-8, `null`/`undefined` as nothing, any other
 * value as its JSON text.
 */
export function encodeBindingData(data: unknown): Uint8Array {
  if (data === undefined || data === null) return EMPTY;
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (typeof data === 'string') return encoder.encode(data);
  const json = JSON.stringify(data);
  if (json === undefined) throw new TypeError(`binding data of type ${typeof data} cannot be encoded`);
  return encoder.encode(json);
}

/** The answer of an in-process `invoke`: bytes and metadata, with readers for the usual cases. */
export interface BindingResult {
  readonly data: Uint8Array;
  readonly metadata: BindingMetadata;
  /** False when the component answered nothing at all (the HTTP API's 204). */
  readonly hasResponse: boolean;
  /** The data as UTF-8 text. */
  text(): string;
  /** The data parsed as JSON; throws a SyntaxError naming the binding when it is not JSON. */
  json<T = unknown>(): T;
}

export function bindingResult(name: string, response: InvokeResponse | null): BindingResult {
  const data = response?.data ?? EMPTY;
  return {
    data,
    metadata: response?.metadata ?? {},
    hasResponse: response !== null,
    text: () => decoder.decode(data),
    json<T>(): T {
      const text = decoder.decode(data);
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        throw new SyntaxError(`output binding ${name} did not answer JSON: ${(error as Error).message}`, {
          cause: error,
        });
      }
    },
  };
}

export function utf8(data: Uint8Array): string {
  return decoder.decode(data);
}

export function toBytes(text: string): Uint8Array {
  return encoder.encode(text);
}
