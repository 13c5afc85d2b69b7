import type { ParsedTemplate, TemplateParam, TemplateSegment } from './template-parser.js';
import { decodeLiteral, edgeKey, type Step } from './trie.js';

/** A parsed template turned into what the router stores and compares. */
export interface RoutePlan {
  readonly steps: readonly Step[];
  /**
   * Equal for templates that would answer the same paths: literals, parameter kinds, macro names,
   * regex sources and suffixes, but not parameter names or macro functions.
   */
  readonly shape: string;
  /** The key of the static-route map when the template has no parameters, else null. */
  readonly staticPath: string | null;
  /** The parameters whose values the walk collects, in order. */
  readonly names: readonly string[];
  /** Parameters this form gives as '' without reading them: an optional tail left out. */
  readonly empty: readonly string[];
  /** Whether a parameter has an `else` status, which makes the router run its rejection pass. */
  readonly rejects: boolean;
}

function shapeOf(param: TemplateParam, caseSensitive: boolean): string {
  const prefix = decodeLiteral(param.prefix, caseSensitive);
  const suffix = decodeLiteral(param.suffix, caseSensitive);
  switch (param.kind) {
    case 'plain':
      return `${prefix}{}${suffix}`;
    case 'tail':
      return '{*}';
    case 'regex':
      return `${prefix}{~${param.pattern}}${suffix}`;
    case 'macro':
      return `${prefix}{:${param.macro}}${suffix}`;
  }
}

function plan(
  segments: readonly TemplateSegment[],
  params: readonly TemplateParam[],
  empty: readonly string[],
  caseSensitive: boolean,
): RoutePlan {
  const steps: Step[] = [];
  const shape: string[] = [];
  let plainStatic = true;
  for (const segment of segments) {
    if (segment.type === 'literal') {
      const label = decodeLiteral(segment.value, caseSensitive);
      // A decoded "/" or "%" could make a raw request path equal the map key by accident.
      if (label.includes('/') || label.includes('%')) plainStatic = false;
      steps.push({ label });
      shape.push(`=${label}`);
    } else {
      steps.push({ key: edgeKey(segment, caseSensitive), segment });
      const inSegment = segment.type === 'param' ? [segment.param] : segment.params;
      shape.push(inSegment.map((param) => shapeOf(param, caseSensitive)).join(''));
    }
  }
  return {
    steps,
    shape: JSON.stringify(shape),
    staticPath:
      params.length === 0 && plainStatic
        ? `/${steps.map((step) => ('label' in step ? step.label : '')).join('/')}`
        : null,
    names: params.map((param) => param.name),
    empty,
    rejects: params.some((param) => param.elseStatus !== undefined),
  };
}

/**
 * Plans a route: one plan, or two when the last segment is optional (the template with it and
 * without it). Outside the strict trailing-slash policy the canonical form of a template has no
 * trailing slash, so `/users/` and `/users` are the same route.
 */
export function planRoute(parsed: ParsedTemplate, strictSlash: boolean, caseSensitive: boolean): RoutePlan[] {
  let segments = parsed.segments;
  const tail = segments[segments.length - 1];
  if (!strictSlash && segments.length > 1 && tail?.type === 'literal' && tail.value === '') {
    segments = segments.slice(0, -1);
  }
  const full = plan(segments, parsed.params, [], caseSensitive);
  const last = segments[segments.length - 1]!;
  if (last.type !== 'param' || !last.param.optional) return [full];
  const optional = last.param;
  // Without its last segment the root is `/`, an empty literal.
  const shorter: readonly TemplateSegment[] =
    segments.length > 1 ? segments.slice(0, -1) : [{ type: 'literal', value: '' }];
  const kept = parsed.params.filter((param) => param !== optional);
  return [full, plan(shorter, kept, optional.kind === 'tail' ? [optional.name] : [], caseSensitive)];
}

/** Whether two plans name the same route: the same path through the trie and the same names. */
export function samePlan(one: RoutePlan, other: RoutePlan): boolean {
  const key = (step: Step): string => ('label' in step ? `=${step.label}` : step.key);
  return (
    one.steps.length === other.steps.length &&
    one.steps.every((step, i) => key(step) === key(other.steps[i]!)) &&
    one.names.join('/') === other.names.join('/')
  );
}
