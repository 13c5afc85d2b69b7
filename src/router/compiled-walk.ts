import { type Matcher, NEEDS_CARE, RAW } from './matcher.js';
import { needsCare, segmentEnd } from './path-text.js';
import { type Edge, type Node, type RouteRecord, SEGMENT, TAIL } from './trie.js';

/** The raw pass of one method's trie as generated code: `Matcher.walk` in `RAW` mode from the root. */
export type RawWalk<T> = (path: string, values: unknown[]) => RouteRecord<T> | null | typeof NEEDS_CARE;

/**
 * Source a node may inline of its subtrees, shared among its children: a child whose code is
 * over its share becomes a function of its own, so a function stays small enough for V8 to
 * optimize however wide the trie is.
 */
const FUNCTION_BUDGET = 4000;
/** The smallest share: below it a call would cost more than the code it replaces. */
const MIN_SHARE = 100;
/** Source size past which the whole trie is left to the interpreted walk. */
const TOTAL_BUDGET = 2_000_000;
/** A node with more literal children than this under one first letter is walked, not generated. */
const CROWDED = 12;
/**
 * A node with more literal children than this is walked, not generated, whatever their letters:
 * its code alone would outgrow what V8 optimizes, and the walk's hashed buckets serve it better.
 */
const WIDE = 64;

/** A label the raw path can spell as it is: decoded `%`, `/`, `?` or `#` never match raw text. */
const RAW_SAFE = /^[^%/?#]*$/;

/**
 * Generates the raw pass for a trie: each node becomes nested code that compares its literal
 * children character by character (a `switch` on the first one), then tries its parameter edges
 * in order. A miss falls through to the next candidate, which is the walk's backtracking; a match
 * returns the route from wherever it is found. Lengths, counts and characters are constants in
 * the code, so a lookup reads no label tables. Macros, regexes and custom verbs call back into the
 * matcher; crowded nodes hand their subtree to the interpreted walk.
 *
 * Only numbers and the names of internal variables enter the source: labels are emitted as
 * character codes, routes and edges as indexes into arrays the code closes over. Returns null
 * when the runtime forbids code generation or the trie is too large to be worth it.
 */
export function compileWalk<T>(
  root: Node<T>,
  matcher: Matcher<T>,
  maxParamLength: number,
): RawWalk<T> | null {
  const generator = new Generator<T>();
  let body: string;
  try {
    body = generator.node(root, 0, 0);
  } catch (error) {
    if (error instanceof TooLarge) return null;
    throw error;
  }
  const source = `${generator.functions.join('\n')}
return function walk(path, values) {
  const n = path.length;
  const s0 = 1;
  ${body}
  return null;
};`;
  let factory: (...args: unknown[]) => RawWalk<T>;
  try {
    factory = new Function('R', 'E', 'N', 'C', 'W', 'T', 'seg', 'care', 'MAX', source) as typeof factory;
  } catch {
    // Code generation is disabled (--disallow-code-generation-from-strings).
    return null;
  }
  return factory(
    generator.records,
    generator.edges,
    generator.nodes,
    NEEDS_CARE,
    (node: Node<T>, path: string, start: number, count: number) =>
      matcher.walk(node, path, path, false, RAW, start, count),
    (edge: Edge<T>, path: string, start: number, end: number, count: number) =>
      matcher.tryRaw(edge, path, start, end, count),
    (path: string, start: number) => segmentEnd(path, start, true),
    needsCare,
    maxParamLength,
  );
}

class TooLarge extends Error {}

class Generator<T> {
  readonly records: RouteRecord<T>[] = [];
  readonly edges: Edge<T>[] = [];
  readonly nodes: Node<T>[] = [];
  readonly functions: string[] = [];
  private size = 0;

  /** Code for `node`, whose segment starts at `s<depth>`, with `count` parameters before it. */
  node(node: Node<T>, depth: number, count: number, budget = FUNCTION_BUDGET): string {
    const start = `s${depth}`;
    const children = node.children;
    if (crowded(children.labels)) {
      this.nodes.push(node);
      return `{ const r = W(N[${this.nodes.length - 1}], path, ${start}, ${count}); if (r !== null) return r; }`;
    }
    const fanout = children.labels.length + node.edges.length;
    const share = Math.max(MIN_SHARE, Math.floor(FUNCTION_BUDGET / Math.max(1, fanout)));
    const code = this.literals(node, depth, count, share) + this.parameters(node, depth, count, share);
    if (depth !== 0 && code.length <= budget) return code;
    // The source ends up as the hoisted functions plus the root's code, each counted once.
    this.size += code.length;
    if (this.size > TOTAL_BUDGET) throw new TooLarge();
    if (depth === 0) return code;
    const name = `f${this.functions.length}`;
    this.functions.push(`function ${name}(path, values, ${start}) {
  const n = path.length;
  ${code}
  return null;
}`);
    return `{ const r = ${name}(path, values, ${start}); if (r !== null) return r; }`;
  }

  /** The literal children: at most one fills the segment, so they form one `if … else if` chain per first letter. */
  private literals(node: Node<T>, depth: number, count: number, share: number): string {
    const start = `s${depth}`;
    const children = node.children;
    const usable = children.labels.flatMap((label, i) => (RAW_SAFE.test(label) ? [i] : []));
    if (usable.length === 0) return '';
    // Few first letters: plain tests. More: a `switch` on the first letter, which the cases then
    // need not compare again.
    const switched = new Set(usable.map((i) => headOf(children.labels[i]!))).size >= 3;
    const byHead = new Map<number, string[]>();
    for (const i of usable) {
      const label = children.labels[i]!;
      const test: string[] = [];
      for (let j = switched ? 1 : 0; j < label.length; j++) {
        test.push(`path.charCodeAt(${start} + ${j}) === ${label.charCodeAt(j)}`);
      }
      test.push(`(${start} + ${label.length} === n || path.charCodeAt(${start} + ${label.length}) === 47)`);
      const then = this.descend(children.nodes[i]!, depth, count, `${start} + ${label.length}`, share);
      const chain = byHead.get(headOf(label)) ?? [];
      chain.push(`if (${test.join(' && ')}) {${then}}`);
      byHead.set(headOf(label), chain);
    }
    if (!switched) return [...byHead.values()].map((chain) => chain.join(' else ')).join('\n');
    const cases = [...byHead].map(([head, chain]) =>
      head === -1
        ? `default: ${chain.join(' else ')} break;`
        : `case ${head}: ${chain.join(' else ')} break;`,
    );
    return `switch (path.charCodeAt(${start})) {\n${cases.join('\n')}\n}`;
  }

  /** The parameter edges, in the order the trie tries them. */
  private parameters(node: Node<T>, depth: number, count: number, share: number): string {
    const start = `s${depth}`;
    const end = `e${depth}`;
    const parts: string[] = [];
    if (node.edges.some((edge) => edge.type === SEGMENT)) {
      parts.push(`const ${end} = seg(path, ${start}); if (${end} < 0) return C;`);
    }
    for (const edge of node.edges) {
      if (edge.type === TAIL) {
        const leaf = this.leaf(edge.child);
        if (leaf === '') continue;
        // An empty tail (`*?`) may start past the end of a path ending in "/": slice gives ''.
        const some = edge.emptyTail ? 'true' : `${start} !== n`;
        parts.push(
          `if (${some}) { if (care(path, ${start})) return C; values[${count}] = path.slice(${start}); ${leaf} }`,
        );
        continue;
      }
      const then =
        edge.type === SEGMENT
          ? this.descend(edge.child, depth, count + edge.arity, end, share)
          : this.leaf(edge.child);
      if (edge.plain) {
        parts.push(
          `if (${end} !== ${start} && ${end} - ${start} <= MAX) { values[${count}] = path.slice(${start}, ${end}); ${then} }`,
        );
      } else {
        this.edges.push(edge);
        const at = edge.type === SEGMENT ? end : '-1';
        parts.push(
          `{ const o = T(E[${this.edges.length - 1}], path, ${start}, ${at}, ${count}); if (o === C) return C; if (o === 1) { ${then} } }`,
        );
      }
    }
    return parts.join('\n');
  }

  /** After a segment that ends at `end`: the child's route at the end of the path, else its subtree. */
  private descend(child: Node<T>, depth: number, count: number, end: string, share: number): string {
    const leaf = this.leaf(child);
    const deeper = child.children.labels.length !== 0 || child.edges.length !== 0;
    if (!deeper) return leaf === '' ? '' : `if (${end} === n) { ${leaf} }`;
    const inner = `const s${depth + 1} = ${end} + 1;\n${this.node(child, depth + 1, count, share)}`;
    return leaf === '' ? `if (${end} !== n) { ${inner} }` : `if (${end} === n) { ${leaf} } else { ${inner} }`;
  }

  private leaf(node: Node<T>): string {
    if (node.leaf === null) return '';
    this.records.push(node.leaf);
    return `return R[${this.records.length - 1}];`;
  }
}

/** A label's first character code, -1 for the empty label. */
function headOf(label: string): number {
  return label.length === 0 ? -1 : label.charCodeAt(0);
}

/** Whether a node's literals are too many to spell out as tests (see CROWDED and WIDE). */
function crowded(labels: readonly string[]): boolean {
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
