import type fastJsonType from 'fast-json-stringify';
import { isTypeBoxSchema, type SchemaLike } from '../binding/index.js';
import type { JsonSerializer, ResponseSerializers } from '../http/index.js';
import { StartupError } from '../http/startup-error.js';

export interface DeclaredResponse {
  readonly status: number;
  readonly schema: SchemaLike | undefined;
}

/** The serializers of one route; the 200 one is also kept as a field, for the common answer. */
class SerializerMap extends Map<number, JsonSerializer> implements ResponseSerializers {
  ok: JsonSerializer | undefined = undefined;
}

let fastJson: typeof fastJsonType | undefined;

/**
 * Loads the serializer compiler; the container awaits it when it starts, so importing Bindery
 * does not load it (with its JSON Schema toolchain) and a process that never starts a container
 * never does.
 */
export async function loadSerializerCompiler(): Promise<void> {
  fastJson ??= (await import('fast-json-stringify')).default;
}

/**
 * Compiles the JSON serializers of a route's declared responses, once, at startup. The code a
 * schema compiles to writes each known property directly instead of inspecting the value the
 * way `JSON.stringify` must, and leaves out properties the schema does not name, so a field added
 * to an internal object never leaks into the answer. Standard Schemas (zod, valibot) carry no
 * JSON Schema to compile from and stay documentation only. A schema that cannot describe JSON
 * (`t.Date()`, `t.BigInt()`) fails here, naming the route and status, rather than on a request.
 */
export function compileResponseSerializers(
  responses: readonly DeclaredResponse[],
  route: string,
): ResponseSerializers | undefined {
  let serializers: SerializerMap | undefined;
  for (const { status, schema } of responses) {
    if (schema === undefined || !isTypeBoxSchema(schema)) continue;
    // Invariant: Container.ready() awaits loadSerializerCompiler() before it compiles routes.
    if (fastJson === undefined)
      throw new Error('loadSerializerCompiler() must complete before routes compile');
    let serializer: JsonSerializer;
    try {
      serializer = fastJson(schema) as JsonSerializer;
    } catch (error) {
      throw new StartupError(
        'BND_ERR_ROUTE_DECLARATION',
        `route ${route}: the ${status} response schema cannot be written as JSON: ${(error as Error).message}`,
      );
    }
    serializers ??= new SerializerMap();
    serializers.set(status, serializer);
    if (status === 200) serializers.ok = serializer;
  }
  return serializers;
}
