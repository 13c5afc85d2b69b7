import type { StaticChildren } from './static-children.js';
import { type Edge, type Node, type RouteRecord, SEGMENT, TAIL } from './trie.js';
import { crowded, follow, headOf, MAX_SHAPES, signature } from './trie-shape.js';

/**
 * Source a node may inline of its subtrees, shared among its children: a child whose code is
 * over its share becomes a function of its own, so a function stays small enough for V8 to
 * optimize however wide the trie is.
 */
export const FUNCTION_BUDGET = 4000;
/** The smallest share: below it a call would cost more than the code it replaces. */
const MIN_SHARE = 100;
/** Source size past which the whole trie is left to the interpreted walk. */
const TOTAL_BUDGET = 2_000_000;
/** A label the raw path can spell as it is: decoded `%`, `/`, `?` or `#` never match raw text. */
const RAW_SAFE = /^[^%/?#]*$/;

/** The end of a walk with nothing left to try: a miss, final when `K` says the path is clean. */
export const GIVE_UP = 'return K === 1 ? F : null;';

export class TooLarge extends Error {}

/**
 * A literal and the single literals below it down to the first node that has a route, a
 * parameter or several literals (`/very/deeply/nested`): compared as one text, slashes included,
 * with one test of where it ends. `steps` are the trail steps it stands for.
 */
function mergedChain<T>(label: string, node: Node<T>): { text: string; child: Node<T>; steps: string[] } {
  let text = label;
  let child = node;
  const steps = [`L${label}`];
  while (
    child.leaf === null &&
    child.edges.length === 0 &&
    child.children.labels.length === 1 &&
    RAW_SAFE.test(child.children.labels[0]!)
  ) {
    const next = child.children.labels[0]!;
    text += `/${next}`;
    steps.push(`L${next}`);
    child = child.children.nodes[0]!;
  }
  return { text, child, steps };
}

/**
 * Where sibling labels are told apart: the length of the prefix they all share, when every one
 * of them is longer than it, else 0 (the first letter).
 */
function splitPosition(labels: readonly string[]): number {
  const first = labels[0]!;
  let shared = first.length;
  for (const label of labels) {
    let j = 0;
    while (j < shared && j < label.length && label.charCodeAt(j) === first.charCodeAt(j)) j++;
    shared = j;
  }
  return labels.every((label) => label.length > shared) ? shared : 0;
}

/**
 * Writes the source of a trie's raw pass, node by node (see compileWalk), and collects what that
 * source refers to by index: routes, edges, nodes and the hash tables of crowded nodes.
 */
export class Generator<T> {
  readonly records: RouteRecord<T>[] = [];
  readonly edges: Edge<T>[] = [];
  readonly nodes: Node<T>[] = [];
  /** The literal children of crowded nodes, looked up by segment hash. */
  readonly tables: StaticChildren<T>[] = [];
  /** Literal text that generated code compares with string methods. */
  readonly texts: string[] = [];
  /** Per crowded node, the first record of each child's subtree in `records`. */
  readonly bases: number[][] = [];
  readonly functions: string[] = [];
  private size = 0;
  /**
   * While generating code shared by subtrees of one shape: routes are read at `R[b + i]`, and
   * `leaves` lists the path to each leaf so every subtree can lay out its own routes alike.
   */
  private relative = false;
  private leaves: string[][] = [];
  /** The steps from the shared subtree's root to the node being generated. */
  private trail: string[] = [];

  /**
   * Code for `node`, whose segment starts at `s<depth>`, with `count` parameters before it.
   * `chain` says every node above it has literal children only, so the raw walk reached it by
   * the one way the careful pass would too.
   */
  node(node: Node<T>, depth: number, count: number, budget = FUNCTION_BUDGET, chain = false): string {
    const start = `s${depth}`;
    const children = node.children;
    // Alone on a chain and without parameters, the node decides the lookup: once its literals
    // miss, the careful pass would miss as well unless this very segment holds an escape, `?` or
    // `#` (the code reads it), so a scanner's 404 needs no scan of the whole path.
    const alone = chain && node.edges.length === 0;
    // Reached through parameters but with literals only: every segment before it was read clean,
    // so when its own is the last and clean, the whole path is, and a miss is final (see `K`).
    const literalsOnly = !alone && node.edges.length === 0 && children.labels.length !== 0;
    const close = alone
      ? `\n${this.lastResort(node, start)}`
      : literalsOnly
        ? `\nfor (let k = ${start}; ; k++) { if (k === n) { K = 1; break; } const c = path.charCodeAt(k); if (c === 47 || c === 37 || c === 63 || c === 35) break; }`
        : '';
    if (crowded(children.labels)) {
      const hashed = this.relative ? null : this.crowdedNode(node, depth, count, alone);
      // Alone, the hashed code has answered every case itself.
      if (hashed !== null)
        return alone ? hashed : hashed + this.parameters(node, depth, count, MIN_SHARE) + close;
      this.nodes.push(node);
      return `{ const r = W(N[${this.nodes.length - 1}], path, ${start}, ${count}); if (r !== null) return r; }`;
    }
    const fanout = children.labels.length + node.edges.length;
    const share = Math.max(MIN_SHARE, Math.floor(FUNCTION_BUDGET / Math.max(1, fanout)));
    const code =
      this.literals(node, depth, count, share, alone) + this.parameters(node, depth, count, share) + close;
    if (depth !== 0 && code.length <= budget) return code;
    // The source ends up as the hoisted functions plus the root's code, each counted once.
    this.size += code.length;
    if (this.size > TOTAL_BUDGET) throw new TooLarge();
    if (depth === 0) return code;
    const name = `f${this.functions.length}`;
    this.functions.push(`function ${name}(path, values, ${start}, b) {
  const n = path.length;
  ${code}
  return null;
}`);
    return `{ const r = ${name}(path, values, ${start}, b); if (r !== null) return r; }`;
  }

  /**
   * A node with too many literals to spell out: the segment is looked up by hash, and the child
   * found runs the code of its subtree's shape. Generated APIs repeat one shape thousands of times
   * (`/res{i}/items/{id:int}`), so the code is generated once per shape, and each child passes
   * where its own routes start. Null when the shapes are too many to be worth it.
   */
  private crowdedNode(node: Node<T>, depth: number, count: number, alone: boolean): string | null {
    const children = node.children;
    const groups = new Map<string, number[]>();
    for (let i = 0; i < children.labels.length; i++) {
      if (!RAW_SAFE.test(children.labels[i]!)) continue;
      const shape = signature(children.nodes[i]!);
      if (shape === null) return null;
      const members = groups.get(shape);
      if (members === undefined) groups.set(shape, [i]);
      else members.push(i);
    }
    if (groups.size > MAX_SHAPES) return null;
    const table = this.tables.length;
    // A label with `?` or `#` (written `%3F`, `%23`) is in the hash table, and raw text can hash
    // to it: that text holds a query or fragment, so the careful pass decides.
    const dispatch: string[] = children.labels.map(() => '(() => C)');
    const bases: number[] = children.labels.map(() => 0);
    for (const members of groups.values()) {
      const outer = this.trail;
      this.relative = true;
      this.leaves = [];
      this.trail = [];
      const body = this.descend(children.nodes[members[0]!]!, 0, count, 'e', FUNCTION_BUDGET, alone);
      this.relative = false;
      this.trail = outer;
      this.size += body.length;
      if (this.size > TOTAL_BUDGET) throw new TooLarge();
      const name = `g${this.functions.length}`;
      this.functions.push(`function ${name}(path, values, e, b) {
  const n = path.length;
  ${body}
  return null;
}`);
      for (const member of members) {
        dispatch[member] = name;
        bases[member] = this.records.length;
        for (const trail of this.leaves) this.records.push(follow(children.nodes[member]!, trail).leaf!);
      }
    }
    this.tables.push(children);
    this.bases.push(bases);
    this.functions.push(
      `const F${table} = [${dispatch.join(',')}];\nconst B${table} = BB[${table}];\n` +
        `const H${table} = X[${table}].index();\nconst { chars: Z${table}, offsets: O${table} } = X[${table}].characters();`,
    );
    const start = `s${depth}`;
    const mask = children.index().length - 1;
    // The segment's end and its FNV-1a hash in one pass, then the open-addressed table probed
    // inline: this runs on every lookup through the node, hits and misses alike. Only a slot
    // holding the segment's own hash costs a comparison of characters. Alone on its chain, a
    // node whose segment matched no label and holds no escape, `?` or `#` ends the lookup.
    // Alone, the same pass notes an escape, `?` or `#` (all below 64, letters above) for the miss.
    const note = alone ? ' if (c < 64 && (c === 37 || c === 63 || c === 35)) q = 1;' : '';
    const miss = alone ? '\n  return q === 1 ? null : F;' : '';
    return `{ let e = ${start}; let h = 0x811c9dc5;${alone ? ' let q = 0;' : ''}
  for (; e < n; e++) { const c = path.charCodeAt(e); if (c === 47) break;${note} h = Math.imul(h ^ c, 0x01000193); }
  let i = -1;
  for (let p = (h << 1) & ${mask}; ; p = (p + 2) & ${mask}) {
    const v = H${table}[p]; if (v === 0) break;
    if (H${table}[p + 1] === h && same(Z${table}, O${table}, v - 1, path, ${start}, e)) { i = v - 1; break; }
  }
  if (i !== -1) { const r = F${table}[i](path, values, e, B${table}[i]); if (r !== null) return r;${alone ? ` ${GIVE_UP}` : ''} }${miss} }`;
  }

  /** The literal children: at most one fills the segment, so they form one `if … else if` chain per first letter. */
  private literals(node: Node<T>, depth: number, count: number, share: number, alone: boolean): string {
    const start = `s${depth}`;
    const children = node.children;
    const usable = children.labels.flatMap((label, i) => (RAW_SAFE.test(label) ? [i] : []));
    if (usable.length === 0) return '';
    // Few distinct letters where the labels first differ: plain tests. More: a `switch` on that
    // letter, after the prefix all of them share (`v1` … `v9` switch on their second letter).
    const at = splitPosition(usable.map((i) => children.labels[i]!));
    const keyOf = (label: string): number => (label.length === at ? -1 : label.charCodeAt(at));
    const switched = new Set(usable.map((i) => keyOf(children.labels[i]!))).size >= 3;
    const byKey = new Map<number, string[]>();
    for (const i of usable) {
      const label = children.labels[i]!;
      const { text, child, steps } = mergedChain(label, children.nodes[i]!);
      const test: string[] = [];
      for (let j = switched ? at + 1 : 0; j < text.length; j++) {
        test.push(`path.charCodeAt(${start} + ${j}) === ${text.charCodeAt(j)}`);
      }
      test.push(`(${start} + ${text.length} === n || path.charCodeAt(${start} + ${text.length}) === 47)`);
      this.trail.push(...steps);
      // A node alone on its chain has nothing else to try once a literal's subtree missed.
      const then =
        this.descend(child, depth, count, `${start} + ${text.length}`, share, alone) +
        (alone ? ` ${GIVE_UP}` : '');
      this.trail.length -= steps.length;
      const key = switched ? keyOf(label) : headOf(label);
      const chain = byKey.get(key) ?? [];
      chain.push(`if (${test.join(' && ')}) {${then}}`);
      byKey.set(key, chain);
    }
    if (!switched) return [...byKey.values()].map((chain) => chain.join(' else ')).join('\n');
    const cases = [...byKey].map(([key, chain]) =>
      key === -1 ? `default: ${chain.join(' else ')} break;` : `case ${key}: ${chain.join(' else ')} break;`,
    );
    const code = `switch (path.charCodeAt(${start} + ${at})) {\n${cases.join('\n')}\n}`;
    if (at === 0) return code;
    const prefix = usable[0]!;
    const shared = Array.from(
      { length: at },
      (_, j) => `path.charCodeAt(${start} + ${j}) === ${children.labels[prefix]!.charCodeAt(j)}`,
    );
    return `if (${shared.join(' && ')}) {\n${code}\n}`;
  }

  /**
   * What a node alone on its chain returns once its literals missed. A first character no label
   * starts with, and that is neither an escape, `?`, `#` nor the segment's end, cannot start a
   * label after decoding or cutting either: final without reading further. Else the segment is
   * read to its end: final unless it holds one of those.
   */
  private lastResort(node: Node<T>, start: string): string {
    const children = node.children;
    const heads = new Set(children.labels.map((label) => label.charCodeAt(0)));
    // A literal merged with the single literals below it spans several segments: all of them
    // are read, as the nodes between would each have read their own.
    let span = 0;
    children.labels.forEach((label, i) => {
      const merged = RAW_SAFE.test(label) ? mergedChain(label, children.nodes[i]!).text : label;
      if (merged.length > label.length) span = Math.max(span, merged.length);
    });
    const stop = span > 0 ? `c === 47 && k >= ${start} + ${span}` : 'c === 47';
    const read = `for (let k = ${start}; k < n; k++) { const c = path.charCodeAt(k); if (${stop}) break; if (c === 37 || c === 63 || c === 35) return null; }
return F;`;
    if (heads.size > 8 || heads.has(Number.NaN)) return read;
    const tests = [37, 63, 35, 47, ...heads].map((code) => `c !== ${code}`);
    return `{ const c = path.charCodeAt(${start}); if (${tests.join(' && ')} && ${start} < n) return F; }
${read}`;
  }

  /** The parameter edges, in the order the trie tries them. */
  private parameters(node: Node<T>, depth: number, count: number, share: number): string {
    const start = `s${depth}`;
    const end = `e${depth}`;
    const parts: string[] = [];
    const segment = node.edges.some((edge) => edge.type === SEGMENT);
    if (segment) parts.push(`const ${end} = seg(path, ${start}); if (${end} < 0) return C;`);
    for (const edge of node.edges) {
      this.trail.push(`E${edge.key}`);
      const code = this.edge(edge, depth, count, share);
      this.trail.pop();
      if (code !== '') parts.push(code);
    }
    // Every edge failed. `seg` found no `%`, `?` or `#` up to its end, and the segments before it
    // were matched as raw-safe literals or checked the same way: reaching the path's end means
    // the path is clean, so the whole walk's miss is final (see `K`).
    if (segment) parts.push(`if (${end} === n) K = 1;`);
    return parts.join('\n');
  }

  /** The code trying one parameter edge. */
  private edge(edge: Edge<T>, depth: number, count: number, share: number): string {
    const start = `s${depth}`;
    const end = `e${depth}`;
    if (edge.type === TAIL) {
      const leaf = this.leaf(edge.child);
      if (leaf === '') return '';
      // An empty tail (`*?`) may start past the end of a path ending in "/": slice gives ''.
      const some = edge.emptyTail ? 'true' : `${start} !== n`;
      return `if (${some}) { if (care(path, ${start})) return C; values[${count}] = path.slice(${start}); ${leaf} }`;
    }
    const then =
      edge.type === SEGMENT
        ? this.descend(edge.child, depth, count + edge.arity, end, share)
        : this.leaf(edge.child);
    if (edge.plain) {
      return `if (${end} !== ${start} && ${end} - ${start} <= MAX) { values[${count}] = path.slice(${start}, ${end}); ${then} }`;
    }
    const parts = edge.parts;
    if (parts?.every((part) => part.parse === null && part.regex === null)) {
      const texts = [parts[0]!.before, ...parts.slice(1).map((part) => part.before), edge.suffix];
      if (texts.every((text) => RAW_SAFE.test(text))) return this.plainParts(edge, texts, depth, count, then);
    }
    this.edges.push(edge);
    const at = edge.type === SEGMENT ? end : '-1';
    if (edge.integer !== null) {
      // Up to 15 digits the value is summed exactly while the digits are checked, with no call;
      // longer numbers go through the macro.
      const [min, max] = edge.integer;
      const call = `o = T(E[${this.edges.length - 1}], path, ${start}, ${end}, ${count}); if (o === C) return C;`;
      return `{ let o = 0; let k = ${start}; const m = ${min < 0 ? `path.charCodeAt(k) === 45` : 'false'}; if (m) k++;
  if (k < ${end} && ${end} - k <= 15 && ${end} - ${start} <= MAX) {
    let v = 0; for (; k < ${end}; k++) { const d = path.charCodeAt(k) - 48; if (d < 0 || d > 9) break; v = v * 10 + d; }
    if (k === ${end}) { if (m) v = v === 0 ? 0 : -v; if (v >= ${min} && v <= ${max}) { values[${count}] = v; o = 1; } }
  } else if (k < ${end}) { ${call} }
  if (o === 1) { ${then} } }`;
    }
    return `{ const o = T(E[${this.edges.length - 1}], path, ${start}, ${at}, ${count}); if (o === C) return C; if (o === 1) { ${then} } }`;
  }

  /**
   * A segment of plain parameters and text (`{lat}-{lng}`): any text is accepted, so the split the
   * matcher would find is its first, rightmost one, taken with `lastIndexOf` and no call. The
   * texts go to the code as indexes into `S`, like every other template text.
   */
  private plainParts(
    edge: Edge<T>,
    texts: readonly string[],
    depth: number,
    count: number,
    then: string,
  ): string {
    const start = `s${depth}`;
    const end = `e${depth}`;
    const index = (text: string): number => {
      this.texts.push(text);
      return this.texts.length - 1;
    };
    const prefix = texts[0]!;
    const suffix = texts[texts.length - 1]!;
    const tests = [
      `${end} - ${start} - ${edge.literalLength} <= MAX`,
      `${end} - ${start} >= ${edge.literalLength + edge.arity}`,
    ];
    if (prefix !== '') tests.push(`path.startsWith(S[${index(prefix)}], ${start})`);
    if (suffix !== '') tests.push(`path.startsWith(S[${index(suffix)}], ${end} - ${suffix.length})`);
    const low = `${start} + ${prefix.length}`;
    const steps: string[] = [`let t = ${end} - ${suffix.length};`];
    for (let i = edge.arity - 1; i >= 1; i--) {
      const separator = texts[i]!;
      steps.push(`const q${i} = path.lastIndexOf(S[${index(separator)}], t - ${separator.length + 1});
  if (q${i} > ${low}) { values[${count + i}] = path.slice(q${i} + ${separator.length}, t); t = q${i};`);
    }
    steps.push(`values[${count}] = path.slice(${low}, t); ${then}`);
    return `if (${tests.join(' && ')}) { ${steps.join('\n')} ${'}'.repeat(edge.arity - 1)} }`;
  }

  /** After a segment that ends at `end`: the child's route at the end of the path, else its subtree. */
  private descend(
    child: Node<T>,
    depth: number,
    count: number,
    end: string,
    share: number,
    chain = false,
  ): string {
    const leaf = this.leaf(child);
    const deeper = child.children.labels.length !== 0 || child.edges.length !== 0;
    if (!deeper) return leaf === '' ? '' : `if (${end} === n) { ${leaf} }`;
    const inner = `const s${depth + 1} = ${end} + 1;\n${this.node(child, depth + 1, count, share, chain)}`;
    return leaf === '' ? `if (${end} !== n) { ${inner} }` : `if (${end} === n) { ${leaf} } else { ${inner} }`;
  }

  private leaf(node: Node<T>): string {
    if (node.leaf === null) return '';
    if (this.relative) {
      this.leaves.push([...this.trail]);
      return `return R[b + ${this.leaves.length - 1}];`;
    }
    this.records.push(node.leaf);
    return `return R[${this.records.length - 1}];`;
  }
}
