import { errorTypeUri } from '../http/index.js';
import type { JsonSchema, ResponseObject } from './openapi-types.js';

export const PROBLEM_JSON = 'application/problem+json';

/** The `Problem` component: the body of every error Bindery answers (RFC 9457 plus `code`). */
export const problemSchema: JsonSchema = {
  type: 'object',
  description: 'An error answer (RFC 9457 problem details with a Bindery error code).',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: {
      type: 'string',
      format: 'uri-reference',
      description: 'Link to the documentation of the code',
      examples: [errorTypeUri('BND_ERR_VALIDATION')],
    },
    title: { type: 'string', description: 'Short summary of the code' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string', description: 'What went wrong with this request' },
    code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$', description: 'Stable error code (BND_ERR_*)' },
    instance: { type: 'string', description: 'The request path' },
    errors: {
      type: 'array',
      description: 'Every binding or validation problem of the request, across all sources',
      items: {
        type: 'object',
        required: ['in', 'name', 'message'],
        properties: {
          in: { type: 'string', enum: ['path', 'query', 'header', 'cookie', 'body'] },
          name: {
            type: 'string',
            description: 'The wire name, or a JSON pointer into the body (`/items/2/qty`)',
          },
          message: { type: 'string' },
          code: { type: 'string', description: 'Machine-readable reason (`type`, `minimum`, `required`, …)' },
        },
      },
    },
  },
};

export function problemContent(): ResponseObject['content'] {
  return { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } };
}

/** The error answers the pipeline itself gives, shared by every operation through `$ref`. */
export const PIPELINE_RESPONSES = {
  400: {
    name: 'BadRequest',
    description: 'The request failed binding or validation (`errors` lists every problem) or is malformed',
  },
  404: { name: 'NotFound', description: 'No route matches: a path parameter does not fit its type' },
  406: { name: 'NotAcceptable', description: 'No representation the operation produces matches Accept' },
  413: {
    name: 'PayloadTooLarge',
    description: 'The body (or a file, or the number of parts) is over its limit',
  },
  415: { name: 'UnsupportedMediaType', description: 'The Content-Type is not one the operation consumes' },
  500: { name: 'InternalError', description: 'An unexpected failure (details are in the server log)' },
} as const satisfies Record<number, { name: string; description: string }>;

export type PipelineStatus = keyof typeof PIPELINE_RESPONSES;
