import type { ResponseDoc } from '../service/index.js';
import { isJsonType } from './media-types.js';
import type { JsonSchema, MediaTypeObject, ReferenceObject, ResponseObject } from './openapi-types.js';
import { PIPELINE_RESPONSES, type PipelineStatus, problemContent } from './problem-responses.js';
import type { SchemaConverter } from './schema-converter.js';

/** What, besides its declarations, decides which errors an operation can answer. */
export interface RouteFacts {
  readonly produces: readonly string[];
  /** The route binds a source: a failed binding answers 400 with `errors`. */
  readonly binds: boolean;
  /** The route reads a body: 413 and 415 apply. */
  readonly readsBody: boolean;
  /** A path value can fail its macro without `else`: 404. */
  readonly misses: boolean;
  /** `else NNN` statuses of the template. */
  readonly rejections: readonly number[];
}

function hasNoContent(status: number): boolean {
  return status === 204 || status === 205 || status === 304 || (status >= 100 && status < 200);
}

/** The produced media types, each with the schema where it describes the bytes (JSON). */
function contentFor(
  produces: readonly string[],
  schema: JsonSchema | undefined,
): Record<string, MediaTypeObject> {
  const content: Record<string, MediaTypeObject> = {};
  for (const type of produces) content[type] = schema !== undefined && isJsonType(type) ? { schema } : {};
  return content;
}

async function declared(
  doc: ResponseDoc,
  facts: RouteFacts,
  converter: SchemaConverter,
  where: string,
): Promise<ResponseObject> {
  const response: ResponseObject = { description: doc.description };
  if (hasNoContent(doc.status)) return response;
  if (doc.schema !== undefined) {
    const schema = await converter.convert(doc.schema, 'output', `${where}, ${doc.status} response schema`);
    response.content = contentFor(facts.produces, schema);
  } else if (doc.status >= 400) {
    response.content = problemContent();
  } else if (doc.status < 300) {
    response.content = contentFor(facts.produces, undefined);
  }
  return response;
}

/**
 * The responses of one operation: every declared `.returns()` (a schema for the media types
 * it describes, no content for 204, problem+json for an error without a schema), a default
 * 200 when no success is declared, then each error the pipeline can give for this route that
 * the route did not document itself, as a shared response of the `Problem` component.
 */
export async function operationResponses(
  returns: readonly ResponseDoc[],
  facts: RouteFacts,
  converter: SchemaConverter,
  where: string,
): Promise<Record<string, ResponseObject | ReferenceObject>> {
  const responses: Record<string, ResponseObject | ReferenceObject> = {};
  for (const doc of [...returns].sort((a, b) => a.status - b.status)) {
    responses[String(doc.status)] = await declared(doc, facts, converter, where);
  }
  if (!returns.some((doc) => doc.status < 400)) {
    responses['200'] = { description: 'Success', content: contentFor(facts.produces, undefined) };
  }
  const pipeline = new Set<PipelineStatus>([406, 500]);
  if (facts.binds) pipeline.add(400);
  if (facts.misses) pipeline.add(404);
  if (facts.readsBody) {
    pipeline.add(413);
    pipeline.add(415);
  }
  for (const status of [...pipeline].sort()) {
    if (responses[String(status)] === undefined) {
      responses[String(status)] = { $ref: `#/components/responses/${PIPELINE_RESPONSES[status].name}` };
    }
  }
  for (const status of facts.rejections) {
    if (responses[String(status)] !== undefined) continue;
    const shared = PIPELINE_RESPONSES[status as PipelineStatus];
    responses[String(status)] =
      shared === undefined
        ? { description: 'A path parameter does not fit its type', content: problemContent() }
        : { $ref: `#/components/responses/${shared.name}` };
  }
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
}

/** The shared error responses, for `components/responses`. */
export function pipelineResponseComponents(used: ReadonlySet<string>): Record<string, ResponseObject> {
  const components: Record<string, ResponseObject> = {};
  for (const { name, description } of Object.values(PIPELINE_RESPONSES)) {
    if (used.has(name)) components[name] = { description, content: problemContent() };
  }
  return components;
}
