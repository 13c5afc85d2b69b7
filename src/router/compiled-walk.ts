import { type Matcher, NEEDS_CARE, RAW } from './matcher.js';
import { needsCare, segmentEnd } from './path-text.js';
import type { Edge, Node, RouteRecord } from './trie.js';
import { FUNCTION_BUDGET, Generator, GIVE_UP, TooLarge } from './walk-generator.js';

/**
 * What the generated raw pass returns for a miss the careful pass would repeat: the path holds no
 * `%`, `?` or `#` (a parameter segment read to its end found none), or the walk failed at a
 * node reached through literals alone whose own segment holds none. Plain `null` is a miss that
 * says nothing of the rest of the path.
 */
export const FINAL_MISS: unique symbol = Symbol('final miss');

/** The raw pass of one method's trie as generated code: `Matcher.walk` in `RAW` mode from the root. */
export type RawWalk<T> = (
  path: string,
  values: unknown[],
) => RouteRecord<T> | null | typeof NEEDS_CARE | typeof FINAL_MISS;

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
    body = generator.node(root, 0, 0, FUNCTION_BUDGET, true);
  } catch (error) {
    if (error instanceof TooLarge) return null;
    throw error;
  }
  // `K` turns 1 when a parameter segment read to the end of the path found it clean: a miss is
  // then final. It is set only where every edge of a node has failed, so hits never write it.
  const source = `let K = 0;
${SAME}
${generator.functions.join('\n')}
return function walk(path, values) {
  const n = path.length;
  const s0 = 1;
  const b = 0;
  K = 0;
  ${body}
  ${GIVE_UP}
};`;
  let factory: (...args: unknown[]) => RawWalk<T>;
  try {
    factory = new Function(
      'R',
      'E',
      'N',
      'C',
      'W',
      'T',
      'seg',
      'care',
      'MAX',
      'X',
      'BB',
      'S',
      'F',
      source,
    ) as typeof factory;
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
    generator.tables,
    generator.bases,
    generator.texts,
    FINAL_MISS,
  );
}

/** Whether the label is the segment [start, end) of the path, compared as numbers without a call. */
const SAME = `function same(chars, offsets, at, path, start, end) {
  const from = offsets[at];
  const m = offsets[at + 1] - from;
  if (m !== end - start) return false;
  for (let j = 0; j < m; j++) if (chars[from + j] !== path.charCodeAt(start + j)) return false;
  return true;
}`;
