import type { FoundRoute } from './lookup-result.js';
import { compileChecks, type ParamCheck } from './macro-functions.js';
import { findMacro } from './macros.js';
import { anchored } from './param-schema.js';
import type { ParamsFactory } from './params-factory.js';
import { foldCase } from './path-text.js';
import { NONE, StaticChildren } from './static-children.js';
import type { TemplateParam, TemplateSegment } from './template-parser.js';

/** Edge types: one segment, a fixed run of segments (`date`), or the rest of the path. */
export const SEGMENT = 0;
export const SPAN = 1;
export const TAIL = 2;

/**
 * Priority of parameter kinds at one node; statics are tried before all of them, then segments
 * that mix text and parameters (`v{n}`, `{lat}-{lng}`), whose literal text makes them the most
 * specific.
 */
const RANK = { compound: 0, macro: 1, regex: 2, plain: 3, tail: 4 } as const;

/** One parameter of a compound segment and the literal text before it (decoded, folded). */
export interface CompoundPart {
  readonly before: string;
  readonly parse: ((segment: string) => unknown) | null;
  readonly regex: RegExp | null;
  readonly check: ParamCheck | null;
}

/** A registered route, stored at the node where its template ends. */
export interface RouteRecord<T> {
  readonly method: string;
  readonly template: string;
  readonly value: T;
  /** Parameter names by position, matching the values the walk collects. */
  readonly names: readonly string[];
  readonly params: ParamsFactory;
  readonly hit: FoundRoute<T>;
}

/** A parameter edge: how to match the segment(s), and the node behind it. */
export class Edge<T> {
  readonly child = new Node<T>();
  /** A plain `{name}`: one segment taken as it is, the case worth a shortcut. */
  readonly plain: boolean;
  /** How many parameter values the edge yields: 1, or the parameters of a compound segment. */
  readonly arity: number;
  /** Literal text the edge requires, which orders edges of one kind: the longest first. */
  readonly literalLength: number;

  constructor(
    readonly key: string,
    readonly type: number,
    readonly rank: number,
    readonly parse: ((segment: string) => unknown) | null,
    readonly regex: RegExp | null,
    readonly check: ParamCheck | null,
    /** Custom-verb suffix, percent-decoded and case-folded like the path it is compared to. */
    readonly suffix: string,
    readonly span: number,
    /** Status answered when the macro fails, 0 when a failure is a plain miss. */
    readonly elseStatus: number,
    /** The parameters of a compound segment, first to last; null for a one-parameter edge. */
    readonly parts: readonly CompoundPart[] | null = null,
    /** A tail that also takes the empty rest (`{rest:*?}`). */
    readonly emptyTail = false,
    /** Bounds of a built-in integer macro without functions or suffix, which generated code reads inline. */
    readonly integer: readonly [number, number] | null = null,
  ) {
    this.plain = type === SEGMENT && parse === null && regex === null && suffix === '' && parts === null;
    this.arity = parts === null ? 1 : parts.length;
    this.literalLength =
      suffix.length + (parts === null ? 0 : parts.reduce((sum, part) => sum + part.before.length, 0));
  }
}

export class Node<T> {
  leaf: RouteRecord<T> | null = null;
  readonly children = new StaticChildren<T>();
  /** Parameter edges in the order they are tried (shared and empty until the first `addEdge`). */
  edges: readonly Edge<T>[] = NONE;

  isEmpty(): boolean {
    return this.leaf === null && this.children.labels.length === 0 && this.edges.length === 0;
  }

  addEdge(edge: Edge<T>): void {
    if (this.edges.length === 0) {
      this.edges = [edge];
      return;
    }
    // Kind first, then longer custom verbs, then registration order.
    let at = this.edges.length;
    while (at > 0) {
      const before = this.edges[at - 1]!;
      if (
        before.rank < edge.rank ||
        (before.rank === edge.rank && before.literalLength >= edge.literalLength)
      )
        break;
      at--;
    }
    (this.edges as Edge<T>[]).splice(at, 0, edge);
  }

  removeEdge(index: number): void {
    (this.edges as Edge<T>[]).splice(index, 1);
  }
}

/** A segment holding parameters. */
export type ParamSegment = Exclude<TemplateSegment, { readonly type: 'literal' }>;

/** One step of a template's path through the trie. */
export type Step = { readonly label: string } | { readonly key: string; readonly segment: ParamSegment };

export function decodeLiteral(text: string, caseSensitive: boolean): string {
  const decoded = text.includes('%') ? decodeURIComponent(text) : text;
  return caseSensitive ? decoded : foldCase(decoded);
}

function paramKey(param: TemplateParam): unknown[] {
  switch (param.kind) {
    case 'plain':
      return [param.kind];
    case 'tail':
      return [param.kind, param.optional];
    case 'regex':
      return [param.kind, param.pattern];
    case 'macro':
      return [param.macro, param.functions, param.elseStatus ?? 0];
  }
}

/** The identity of a parameter edge: everything that changes what it accepts. */
export function edgeKey(segment: ParamSegment, caseSensitive: boolean): string {
  if (segment.type === 'param') {
    const param = segment.param;
    return JSON.stringify([...paramKey(param), decodeLiteral(param.suffix, caseSensitive)]);
  }
  const parts = segment.params.map((param) => [
    decodeLiteral(param.prefix, caseSensitive),
    ...paramKey(param),
  ]);
  const last = segment.params[segment.params.length - 1]!;
  return JSON.stringify(['compound', parts, decodeLiteral(last.suffix, caseSensitive)]);
}

/** How one parameter reads its text: a macro's parser and check, or an anchored regex. */
function reader(param: TemplateParam): Pick<CompoundPart, 'parse' | 'regex' | 'check'> {
  if (param.kind === 'regex')
    return { parse: null, regex: new RegExp(anchored(param.pattern!)), check: null };
  if (param.kind !== 'macro') return { parse: null, regex: null, check: null };
  const macro = findMacro(param.macro!)!;
  const check = compileChecks(macro, param.functions, (_call, reason) => {
    // Invariant: the template parser already ran these calls and reported bad ones as a TemplateError.
    throw new Error(reason);
  });
  return { parse: macro.parse, regex: null, check };
}

function buildEdge<T>(key: string, segment: ParamSegment, caseSensitive: boolean): Edge<T> {
  if (segment.type === 'compound') {
    const parts = segment.params.map((param) => ({
      before: decodeLiteral(param.prefix, caseSensitive),
      ...reader(param),
    }));
    const suffix = decodeLiteral(segment.params[segment.params.length - 1]!.suffix, caseSensitive);
    return new Edge(key, SEGMENT, RANK.compound, null, null, null, suffix, 1, 0, parts);
  }
  const param = segment.param;
  const suffix = decodeLiteral(param.suffix, caseSensitive);
  if (param.kind === 'tail')
    return new Edge(key, TAIL, RANK.tail, null, null, null, '', 0, 0, null, param.optional);
  if (param.kind === 'plain') return new Edge(key, SEGMENT, RANK.plain, null, null, null, suffix, 1, 0);
  const { parse, regex, check } = reader(param);
  if (param.kind === 'regex') return new Edge(key, SEGMENT, RANK.regex, null, regex, null, suffix, 1, 0);
  const macro = findMacro(param.macro!)!;
  const type = macro.segments === 1 ? SEGMENT : SPAN;
  const status = param.elseStatus ?? 0;
  const integer = macro.integer !== undefined && check === null && suffix === '' ? macro.integer : null;
  return new Edge(
    key,
    type,
    RANK.macro,
    parse,
    null,
    check,
    suffix,
    macro.segments,
    status,
    null,
    false,
    integer,
  );
}

/** Follows or creates the nodes for `steps` and returns the last one. */
export function insert<T>(root: Node<T>, steps: readonly Step[], caseSensitive: boolean): Node<T> {
  let node = root;
  for (const step of steps) {
    if ('label' in step) {
      const index = node.children.indexOf(step.label);
      if (index === -1) {
        const child = new Node<T>();
        node.children.add(step.label, child);
        node = child;
      } else {
        node = node.children.nodes[index]!;
      }
    } else {
      let edge = node.edges.find((candidate) => candidate.key === step.key);
      if (edge === undefined) {
        edge = buildEdge<T>(step.key, step.segment, caseSensitive);
        node.addEdge(edge);
      }
      node = edge.child;
    }
  }
  return node;
}

/** Clears the leaf at the end of `steps` and prunes the nodes that no longer lead anywhere. */
export function detach<T>(node: Node<T>, steps: readonly Step[], depth = 0): void {
  const step = steps[depth];
  if (step === undefined) {
    node.leaf = null;
    return;
  }
  if ('label' in step) {
    const child = node.children.nodes[node.children.indexOf(step.label)]!;
    detach(child, steps, depth + 1);
    if (child.isEmpty()) node.children.remove(step.label);
  } else {
    const index = node.edges.findIndex((candidate) => candidate.key === step.key);
    const edge = node.edges[index]!;
    detach(edge.child, steps, depth + 1);
    if (edge.child.isEmpty()) node.removeEdge(index);
  }
}
