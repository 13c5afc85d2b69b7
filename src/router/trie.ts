import type { FoundRoute } from './lookup-result.js';
import { compileChecks, type ParamCheck } from './macro-functions.js';
import { findMacro } from './macros.js';
import { anchored } from './param-schema.js';
import type { ParamsFactory } from './params-factory.js';
import { foldCase } from './path-text.js';
import { StaticChildren } from './static-children.js';
import type { TemplateParam } from './template-parser.js';

/** Edge types: one segment, a fixed run of segments (`date`), or the rest of the path. */
export const SEGMENT = 0;
export const SPAN = 1;
export const TAIL = 2;

/** Priority of parameter kinds at one node; statics are tried before all of them. */
const RANK = { macro: 0, regex: 1, plain: 2, tail: 3 } as const;

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
  ) {
    this.plain = type === SEGMENT && parse === null && regex === null && suffix === '';
  }
}

export class Node<T> {
  leaf: RouteRecord<T> | null = null;
  readonly children = new StaticChildren<T>();
  /** Parameter edges in the order they are tried. */
  readonly edges: Edge<T>[] = [];

  isEmpty(): boolean {
    return this.leaf === null && this.children.labels.length === 0 && this.edges.length === 0;
  }

  addEdge(edge: Edge<T>): void {
    // Kind first, then longer custom verbs, then registration order.
    let at = this.edges.length;
    while (at > 0) {
      const before = this.edges[at - 1]!;
      if (
        before.rank < edge.rank ||
        (before.rank === edge.rank && before.suffix.length >= edge.suffix.length)
      )
        break;
      at--;
    }
    this.edges.splice(at, 0, edge);
  }
}

/** One step of a template's path through the trie. */
export type Step = { readonly label: string } | { readonly key: string; readonly param: TemplateParam };

export function decodeLiteral(text: string, caseSensitive: boolean): string {
  const decoded = text.includes('%') ? decodeURIComponent(text) : text;
  return caseSensitive ? decoded : foldCase(decoded);
}

/** The identity of a parameter edge: everything that changes what it accepts. */
export function edgeKey(param: TemplateParam, caseSensitive: boolean): string {
  const suffix = decodeLiteral(param.suffix, caseSensitive);
  switch (param.kind) {
    case 'plain':
    case 'tail':
      return JSON.stringify([param.kind, suffix]);
    case 'regex':
      return JSON.stringify([param.kind, param.pattern, suffix]);
    case 'macro':
      return JSON.stringify([param.macro, param.functions, param.elseStatus ?? 0, suffix]);
  }
}

function buildEdge<T>(key: string, param: TemplateParam, caseSensitive: boolean): Edge<T> {
  const suffix = decodeLiteral(param.suffix, caseSensitive);
  if (param.kind === 'tail') return new Edge(key, TAIL, RANK.tail, null, null, null, '', 0, 0);
  if (param.kind === 'plain') return new Edge(key, SEGMENT, RANK.plain, null, null, null, suffix, 1, 0);
  if (param.kind === 'regex') {
    const regex = new RegExp(anchored(param.pattern!));
    return new Edge(key, SEGMENT, RANK.regex, null, regex, null, suffix, 1, 0);
  }
  const macro = findMacro(param.macro!)!;
  const check = compileChecks(macro, param.functions, (_call, reason) => {
    throw new Error(reason);
  });
  const type = macro.segments === 1 ? SEGMENT : SPAN;
  const status = param.elseStatus ?? 0;
  return new Edge(key, type, RANK.macro, macro.parse, null, check, suffix, macro.segments, status);
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
        edge = buildEdge<T>(step.key, step.param, caseSensitive);
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
    if (edge.child.isEmpty()) node.edges.splice(index, 1);
  }
}
