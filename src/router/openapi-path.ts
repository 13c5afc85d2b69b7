import {
  type ParsedTemplate,
  parseTemplate,
  type TemplateParam,
  type TemplateSegment,
} from './template-parser.js';

function paramText(param: TemplateParam): string {
  return `${param.prefix}{${param.name}}${param.suffix}`;
}

function segmentText(segment: TemplateSegment): string {
  switch (segment.type) {
    case 'literal':
      return segment.value;
    case 'param':
      return paramText(segment.param);
    case 'compound':
      return segment.params.map(paramText).join('');
  }
}

/**
 * The OpenAPI form of a template: every parameter becomes `{name}` and literal text stays as
 * written, so `/u/{id:int min(1)}/{rest:path}` gives `/u/{id}/{rest}` and `/{lat}-{lng}` stays
 * `/{lat}-{lng}`. An optional last segment (`{id?}`, `{rest:*?}`) is given in its long form.
 */
export function toOpenApiPath(template: string): string {
  return `/${parseTemplate(template).segments.map(segmentText).join('/')}`;
}

/**
 * Every OpenAPI path the template answers. OpenAPI path parameters are always required, so a
 * template with an optional last segment is documented as two paths, without it and with it:
 * `/users/{id?}` gives `['/users', '/users/{id}']`. Other templates give their one path. A caller
 * that parsed the template already passes the parse, so it is not read twice.
 */
export function openApiPaths(template: string | ParsedTemplate): string[] {
  const segments = (typeof template === 'string' ? parseTemplate(template) : template).segments;
  const full = `/${segments.map(segmentText).join('/')}`;
  const last = segments[segments.length - 1]!;
  if (last.type !== 'param' || !last.param.optional) return [full];
  return [`/${segments.slice(0, -1).map(segmentText).join('/')}`, full];
}
