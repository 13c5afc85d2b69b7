import { openApiPaths, parseTemplate, type TemplateParam } from '../router/index.js';
import type { JsonSchema, ParameterObject } from './openapi-types.js';

/** What a route template contributes to its operation. */
export interface TemplateDoc {
  /** The OpenAPI path key: every parameter as `{name}`, literals as written. */
  readonly path: string;
  readonly parameters: ParameterObject[];
  /** Statuses a failing macro answers with (`else 400`). */
  readonly rejections: readonly number[];
  /** Whether a value can fail its macro or pattern without `else`: the route then does not match (404). */
  readonly misses: boolean;
}

/**
 * The one place where a template's parameters become OpenAPI path parameters. The schema of
 * each comes from the router (`TemplateParam.schema`: macro plus functions), so the document
 * says exactly what the router accepts; the shapes OpenAPI's `{name}` cannot say on its own
 * (a tail taking the rest of the path, a value spanning segments) are described and marked.
 * OpenAPI path parameters are always required, so a template whose last parameter is optional
 * (`/users/{id?}`) gives two paths, without it and with it (the router's `openApiPaths`).
 */
export function templateDocs(template: string): TemplateDoc[] {
  const parsed = parseTemplate(template);
  return openApiPaths(parsed).map((path) => {
    const rejections = new Set<number>();
    let misses = false;
    const present = parsed.params.filter((param) => path.includes(`{${param.name}}`));
    const parameters = present.map((param) => {
      if (param.elseStatus !== undefined) rejections.add(param.elseStatus);
      else if (param.kind === 'macro' || param.kind === 'regex') misses = true;
      return pathParameter(param);
    });
    return { path, parameters, rejections: [...rejections].sort(), misses };
  });
}

function pathParameter(param: TemplateParam): ParameterObject {
  const schema: JsonSchema = { ...param.schema };
  if (param.schema.enum !== undefined) schema.enum = [...param.schema.enum];
  const parameter: ParameterObject = { name: param.name, in: 'path', required: true, schema };
  if (param.kind === 'tail') {
    parameter.description = 'The rest of the path, slashes included (they are not percent-encoded).';
    parameter['x-bindery-tail'] = true;
  } else if (param.span > 1) {
    parameter.description = `${param.span} path segments joined by "/" (the slashes are not percent-encoded).`;
    parameter['x-bindery-segments'] = param.span;
  }
  if (param.macro !== undefined) parameter['x-bindery-macro'] = param.macro;
  return parameter;
}
