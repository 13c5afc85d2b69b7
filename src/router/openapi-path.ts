import { parseTemplate } from './template-parser.js';

/**
 * The OpenAPI form of a template: every parameter becomes `{name}` and literals stay as written,
 * so `/u/{id:int min(1)}/{rest:path}` gives `/u/{id}/{rest}`.
 */
export function toOpenApiPath(template: string): string {
  const parts = parseTemplate(template).segments.map((segment) =>
    segment.type === 'literal' ? segment.value : `{${segment.param.name}}${segment.param.suffix}`,
  );
  return `/${parts.join('/')}`;
}
