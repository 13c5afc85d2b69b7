import { decodePathText, foldCase, needsCare, SLASH, segmentEnd } from './path-text.js';
import { SEGMENT_NEEDS_CARE } from './static-children.js';
import { type CompoundPart, type Edge, type Node, type RouteRecord, SEGMENT, SPAN, TAIL } from './trie.js';

/** How a walk treats the path: as prepared by the router, as received, or for rejections. */
export type WalkMode = 0 | 1 | 2;
export const PREPARED: WalkMode = 0;
export const RAW: WalkMode = 1;
export const LENIENT: WalkMode = 2;

/** Outcomes of trying one parameter edge on the path. */
const MISS = 0;
const MATCH = 1;
/** The macro read the text but refused it, and the edge has an `else` status. */
const REFUSED = 2;

/** What `walk` returns in the raw pass when the path needs the careful pass instead. */
export const NEEDS_CARE: unique symbol = Symbol('needs care');

/**
 * Depth-first search of a trie for one path, as a loop over an explicit stack kept in a reused
 * instance: a lookup allocates nothing but the strings it slices for parameters.
 *
 * At each node the static child is tried first, then the parameter edges in priority order;
 * a branch that dead-ends resumes at the next candidate of the nearest node that has one.
 * Every node sits at a fixed depth, so a lookup visits each node at most once.
 */
export class Matcher<T> {
  /** Parameter values by position in the template. */
  readonly values: unknown[] = [];
  /** After a lenient walk: position and status of the first failed `else` macro, -1 when none. */
  failIndex = -1;
  failStatus = 0;
  /** How many macro parsers and checks are running; while any is, this matcher is in use. */
  inUserCode = 0;
  /** Resume points: a node and, per node, its segment start, param count, next edge, failIndex. */
  private readonly resumeNodes: Node<T>[] = [];
  private readonly resumeState: number[] = [];
  /** Split points of a compound segment known to fail, stamped with the lookup's `epoch`. */
  private failed = new Uint32Array(0);
  private epoch = 0;
  private width = 0;

  constructor(
    private readonly maxParamLength: number,
    private readonly caseSensitive: boolean,
  ) {}

  /**
   * Finds the route for `path`. `key` is the path as literals compare against it (case-folded or
   * not) and `encoded` says whether it holds a `%`. In `RAW` mode the path is as received: a
   * parameter that would take `%`, `?` or `#` stops the walk with `NEEDS_CARE`. In `LENIENT`
   * mode a macro with `else` that fails lets the walk go on, and the first such failure on the
   * returned route is left in `failIndex` and `failStatus`. `from` and `counted` start the walk
   * at a node below the root: where its segment starts and how many parameters precede it.
   */
  walk(
    root: Node<T>,
    path: string,
    key: string,
    encoded: boolean,
    mode: WalkMode,
    from = 1,
    counted = 0,
  ): RouteRecord<T> | null | typeof NEEDS_CARE {
    const raw = mode === RAW;
    const lenient = mode === LENIENT;
    const values = this.values;
    const length = path.length;
    const nodes = this.resumeNodes;
    const state = this.resumeState;
    let depth = 0;
    let node = root;
    let start = from;
    let count = counted;
    let failIndex = -1;
    let failStatus = 0;
    // Next edge to try at `node`; -1 while its static children have not been tried.
    let next = -1;

    for (;;) {
      // End of the current segment, found lazily: a static label match implies it.
      let end = -1;
      if (next === -1) {
        next = 0;
        const children = node.children;
        if (children.labels.length !== 0) {
          let index: number;
          if (encoded) {
            end = segmentEnd(path, start, false);
            index = decodedStatic(node, path, start, end, this.caseSensitive);
          } else {
            index = children.find(key, start, raw);
            if (index === SEGMENT_NEEDS_CARE) return NEEDS_CARE;
            if (index !== -1) end = start + children.labels[index]!.length;
          }
          if (index !== -1) {
            const child = children.nodes[index]!;
            if (end === length) {
              if (child.leaf !== null) {
                // A lenient walk may have passed refused parameters on the way to this literal.
                this.failIndex = failIndex;
                this.failStatus = failStatus;
                return child.leaf;
              }
            } else {
              if (node.edges.length !== 0) {
                nodes[depth] = node;
                state[depth * 4] = start;
                state[depth * 4 + 1] = count;
                state[depth * 4 + 2] = 0;
                state[depth * 4 + 3] = failIndex;
                depth++;
              }
              node = child;
              start = end + 1;
              next = -1;
              continue;
            }
          }
        }
      }

      const edges = node.edges;
      let descended = false;
      for (let i = next; i < edges.length; i++) {
        const edge = edges[i]!;
        const failedBefore = failIndex;
        if (edge.plain && !encoded) {
          // The common `{name}`: the segment as it is, no decoding, no check.
          if (end === -1) {
            end = segmentEnd(path, start, raw);
            if (end < 0) return NEEDS_CARE;
          }
          if (end === start || end - start > this.maxParamLength) continue;
          values[count] = path.slice(start, end);
        } else if (edge.type === TAIL && !encoded) {
          // A tail takes at least one character, like a segment parameter, unless written `*?`.
          if (start >= length && !edge.emptyTail) continue;
          if (raw && needsCare(path, start)) return NEEDS_CARE;
          values[count] = path.slice(start);
        } else {
          if (end === -1 && edge.type === SEGMENT) {
            end = segmentEnd(path, start, raw);
            if (end < 0) return NEEDS_CARE;
          }
          if (raw && edge.type !== SEGMENT && needsCare(path, start)) return NEEDS_CARE;
          const outcome = this.tryEdge(edge, path, key, start, end, count, encoded);
          if (outcome === MISS) continue;
          if (outcome === REFUSED) {
            if (!lenient) continue;
            if (failIndex === -1) {
              failIndex = count;
              failStatus = edge.elseStatus;
            }
          }
        }
        if (edge.type !== SEGMENT || end === length) {
          if (edge.child.leaf !== null) {
            this.failIndex = failIndex;
            this.failStatus = failStatus;
            return edge.child.leaf;
          }
          failIndex = failedBefore;
          continue;
        }
        if (i + 1 < edges.length) {
          nodes[depth] = node;
          state[depth * 4] = start;
          state[depth * 4 + 1] = count;
          state[depth * 4 + 2] = i + 1;
          state[depth * 4 + 3] = failedBefore;
          depth++;
        }
        node = edge.child;
        start = end + 1;
        count += edge.arity;
        next = -1;
        descended = true;
        break;
      }
      if (descended) continue;
      if (depth === 0) return null;
      depth--;
      node = nodes[depth]!;
      start = state[depth * 4]!;
      count = state[depth * 4 + 1]!;
      next = state[depth * 4 + 2]!;
      failIndex = state[depth * 4 + 3]!;
    }
  }

  /**
   * `tryEdge` for the raw pass of a generated matcher: 1 when the edge takes the text (its value
   * in `values[count]`), 0 when it does not, `NEEDS_CARE` when the text must be read carefully.
   */
  tryRaw(edge: Edge<T>, path: string, start: number, end: number, count: number): number | typeof NEEDS_CARE {
    if (edge.type !== SEGMENT && needsCare(path, start)) return NEEDS_CARE;
    return this.tryEdge(edge, path, path, start, end, count, false) === MATCH ? 1 : 0;
  }

  /** Tries a parameter edge that needs more than slicing, on [start, end) or the rest of the path. */
  private tryEdge(
    edge: Edge<T>,
    path: string,
    key: string,
    start: number,
    end: number,
    count: number,
    encoded: boolean,
  ): number {
    let text: string | undefined;
    if (edge.parts !== null) {
      if (end - start - edge.literalLength > this.maxParamLength) return MISS;
      text = encoded ? decodePathText(path.slice(start, end)) : path.slice(start, end);
    } else if (edge.type === SEGMENT) {
      text = this.segmentText(edge, path, key, start, end, encoded);
    } else if (edge.type === SPAN) {
      if (countSlashes(path, start) !== edge.span - 1) return MISS;
      text = encoded ? decodePathText(path.slice(start)) : path.slice(start);
    } else {
      if (start >= path.length && !edge.emptyTail) return MISS;
      text = decodePathText(path.slice(start));
    }
    if (text === undefined) return MISS;
    if (edge.parts !== null) return this.compound(edge, text, key, start, end, count, encoded);
    let value: unknown = text;
    let refused = false;
    if (edge.parse !== null) {
      // Macro code may itself look a path up; `inUserCode` sends such a lookup to a fresh matcher.
      this.inUserCode++;
      try {
        value = edge.parse(text);
        refused = value === undefined || (edge.check !== null && !edge.check(value, text));
      } finally {
        this.inUserCode--;
      }
    } else if (edge.regex !== null) {
      refused = !edge.regex.test(text);
    }
    this.values[count] = value;
    if (!refused) return MATCH;
    return edge.elseStatus === 0 ? MISS : REFUSED;
  }

  /**
   * Matches a segment of text and several parameters (`{lat}-{lng}`): the prefix and suffix must
   * be there, then the segment is split from the right, each parameter after the first taking the
   * text after the last occurrence of the literal before it, the first taking what is left. When
   * a parameter refuses its text, its split point moves left to the previous occurrence, so
   * `{a}-{b:int}` reads `x-1-y-2` as `x-1-y` and `2`, and `{name}.{ext}` reads `a.tar.gz` as
   * `a.tar` and `gz` (find-my-way splits plain parameters the same way).
   */
  private compound(
    edge: Edge<T>,
    text: string,
    key: string,
    start: number,
    end: number,
    count: number,
    encoded: boolean,
  ): number {
    const parts = edge.parts!;
    const folded = encoded ? (this.caseSensitive ? text : foldCase(text)) : key.slice(start, end);
    const prefix = parts[0]!.before;
    const low = prefix.length;
    const high = text.length - edge.suffix.length;
    if (high - low < parts.length || !folded.startsWith(prefix) || !folded.endsWith(edge.suffix)) return MISS;
    this.width = text.length + 1;
    if (this.failed.length < parts.length * this.width)
      this.failed = new Uint32Array(parts.length * this.width * 2);
    if (++this.epoch === 0xffffffff) {
      this.failed.fill(0);
      this.epoch = 1;
    }
    return this.split(parts, parts.length - 1, text, folded, low, high, count) ? MATCH : MISS;
  }

  /** Whether parameters 0..`index` can take text[low, stop), the last of them ending at `stop`. */
  private split(
    parts: readonly CompoundPart[],
    index: number,
    text: string,
    folded: string,
    low: number,
    stop: number,
    count: number,
  ): boolean {
    if (index === 0) return stop > low && this.accept(parts[0]!, text.slice(low, stop), count);
    // A split point that failed once fails again whatever the later parameters took: remembering
    // it keeps a hostile segment from trying every combination of separators.
    const slot = index * this.width + stop;
    if (this.failed[slot] === this.epoch) return false;
    const before = parts[index]!.before;
    // Each earlier parameter needs at least one character and each separator its own length.
    for (
      let at = folded.lastIndexOf(before, stop - before.length - 1);
      at > low;
      at = folded.lastIndexOf(before, at - 1)
    ) {
      if (
        this.accept(parts[index]!, text.slice(at + before.length, stop), count + index) &&
        this.split(parts, index - 1, text, folded, low, at, count)
      ) {
        return true;
      }
    }
    this.failed[slot] = this.epoch;
    return false;
  }

  /** Whether one part of a compound segment takes `text`; its value goes to `values[at]`. */
  private accept(part: CompoundPart, text: string, at: number): boolean {
    let value: unknown = text;
    if (part.parse !== null) {
      this.inUserCode++;
      try {
        value = part.parse(text);
        if (value === undefined || (part.check !== null && !part.check(value, text))) return false;
      } finally {
        this.inUserCode--;
      }
    } else if (part.regex !== null && !part.regex.test(text)) {
      return false;
    }
    this.values[at] = value;
    return true;
  }

  /** The decoded parameter text of one segment for `edge`, or undefined when it cannot match. */
  private segmentText(
    edge: Edge<T>,
    path: string,
    key: string,
    start: number,
    end: number,
    encoded: boolean,
  ): string | undefined {
    const suffix = edge.suffix;
    if (!encoded) {
      const stop = end - suffix.length;
      if (stop <= start || stop - start > this.maxParamLength) return undefined;
      if (suffix.length !== 0 && !key.startsWith(suffix, stop)) return undefined;
      return path.slice(start, stop);
    }
    if (end - start - suffix.length > this.maxParamLength) return undefined;
    const decoded = decodePathText(path.slice(start, end));
    if (decoded === undefined || decoded.length <= suffix.length) return undefined;
    if (suffix.length === 0) return decoded;
    const folded = this.caseSensitive ? decoded : foldCase(decoded);
    return folded.endsWith(suffix) ? decoded.slice(0, decoded.length - suffix.length) : undefined;
  }
}

/** Index of the static child named by the decoded segment [start, end), or -1. */
function decodedStatic<T>(
  node: Node<T>,
  path: string,
  start: number,
  end: number,
  caseSensitive: boolean,
): number {
  const decoded = decodePathText(path.slice(start, end));
  if (decoded === undefined) return -1;
  return node.children.indexOf(caseSensitive ? decoded : foldCase(decoded));
}

function countSlashes(path: string, start: number): number {
  let count = 0;
  for (let i = start; i < path.length; i++) if (path.charCodeAt(i) === SLASH) count++;
  return count;
}
