import type { Node } from './trie.js';

/**
 * How generated matching code sees a trie's shape: which nodes have too many literal children to
 * spell out, and which subtrees are alike enough to share one piece of generated code.
 */

/** A node with more literal children than this under one first letter is walked, not generated. */
const CROWDED = 12;
/**
 * A node with more literal children than this is walked, not generated, whatever their letters:
 * its code alone would outgrow what V8 optimizes, and the walk's hashed buckets serve it better.
 */
const WIDE = 64;

/** Distinct subtree shapes under one crowded node past which it is left to the walk. */
export const MAX_SHAPES = 64;

/**
 * The shape of a subtree: its labels, edges and where routes end, not which routes. Subtrees of
 * one shape run the same generated code. Null when the subtree holds a crowded node itself.
 */
export function signature<T>(node: Node<T>): string | null {
  if (crowded(node.children.labels)) return null;
  const parts: string[] = [node.leaf === null ? '0' : '1'];
  for (let i = 0; i < node.children.labels.length; i++) {
    const inner = signature(node.children.nodes[i]!);
    if (inner === null) return null;
    parts.push(`L${JSON.stringify(node.children.labels[i])}${inner}`);
  }
  for (const edge of node.edges) {
    const inner = signature(edge.child);
    if (inner === null) return null;
    parts.push(`E${edge.key}${inner}`);
  }
  return `(${parts.join(',')})`;
}

/** The node reached from `node` by the steps of a trail (`L` a label, `E` an edge key). */
export function follow<T>(node: Node<T>, trail: readonly string[]): Node<T> {
  let at = node;
  for (const step of trail) {
    const rest = step.slice(1);
    at =
      step[0] === 'L'
        ? at.children.nodes[at.children.indexOf(rest)]!
        : at.edges.find((edge) => edge.key === rest)!.child;
  }
  return at;
}

/** A label's first character code, -1 for the empty label. */
export function headOf(label: string): number {
  return label.length === 0 ? -1 : label.charCodeAt(0);
}

/** Whether a node's literals are too many to spell out as tests (see CROWDED and WIDE). */
export function crowded(labels: readonly string[]): boolean {
  if (labels.length <= CROWDED) return false;
  if (labels.length > WIDE) return true;
  const perHead = new Map<number, number>();
  for (const label of labels) {
    const head = headOf(label);
    const seen = (perHead.get(head) ?? 0) + 1;
    if (seen > CROWDED) return true;
    perHead.set(head, seen);
  }
  return false;
}
