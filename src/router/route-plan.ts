import type { ParsedTemplate, TemplateParam } from './template-parser.js';
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
  readonly names: readonly string[];
  /** Whether a parameter has an `else` status, which makes the router run its rejection pass. */
  readonly rejects: boolean;
}

function shapeOf(param: TemplateParam, suffix: string): string {
  switch (param.kind) {
    case 'plain':
      return `{}${suffix}`;
    case 'tail':
      return '{*}';
    case 'regex':
      return `{~${param.pattern}}${suffix}`;
    case 'macro':
      return `{:${param.macro}}${suffix}`;
  }
}

/**
 * Plans a route. Outside the strict trailing-slash policy the canonical form of a template has
 * no trailing slash, so `/users/` and `/users` are the same route.
 */
export function planRoute(parsed: ParsedTemplate, strictSlash: boolean, caseSensitive: boolean): RoutePlan {
  let segments = parsed.segments;
  const tail = segments[segments.length - 1];
  if (!strictSlash && segments.length > 1 && tail?.type === 'literal' && tail.value === '') {
    segments = segments.slice(0, -1);
  }
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
      const param = segment.param;
      steps.push({ key: edgeKey(param, caseSensitive), param });
      shape.push(shapeOf(param, decodeLiteral(param.suffix, caseSensitive)));
    }
  }
  const isStatic = parsed.params.length === 0;
  return {
    steps,
    shape: JSON.stringify(shape),
    staticPath:
      isStatic && plainStatic
        ? `/${steps.map((step) => ('label' in step ? step.label : '')).join('/')}`
        : null,
    names: parsed.params.map((param) => param.name),
    rejects: parsed.params.some((param) => param.elseStatus !== undefined),
  };
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
