import { SLASH, segmentEnd } from './path-text.js';
import type { Node } from './trie.js';

/** Up to this many children a node compares them all; past it, it indexes them. */
const SCAN_LIMIT = 6;
/** A first-two-letters bucket with more candidates than this is searched by whole-segment hash. */
const CROWDED = 16;

/** What `find` returns in the raw pass for a segment the careful pass must read. */
export const SEGMENT_NEEDS_CARE = -2;

/**
 * A label's first character, or -1 for none. A label decoded from `%25` or `%2F` holds a `%` or
 * a `/` that raw path text would spell differently, so only a decoded segment may match it: -2.
 */
function headOf(label: string): number {
  if (label.length === 0) return -1;
  return label.includes('%') || label.includes('/') ? -2 : label.charCodeAt(0);
}

function prefixHash(first: number, second: number): number {
  return Math.imul(first + 3, 0x9e3779b1) ^ Math.imul(second + 3, 0x85ebca6b);
}

/** Hash of a segment from its length and three characters; needs the segment's end. */
function sampleHash(text: string, start: number, size: number): number {
  if (size === 0) return 0;
  return (
    Math.imul(size, 0x9e3779b1) ^
    Math.imul(text.charCodeAt(start), 0x01000193) ^
    Math.imul(text.charCodeAt(start + size - 1), 0x045d9f3b) ^
    Math.imul(text.charCodeAt(start + (size >> 1)), 0x27d4eb2d)
  );
}

function emptyBuckets(count: number): number[][] {
  let size = 16;
  while (size < count * 2) size *= 2;
  return Array.from({ length: size }, () => []);
}

/**
 * The literal children of a trie node. Labels are compared against the path character by
 * character, as numbers: slicing the segment for a map lookup would hash a fresh string on every
 * request. A node with many children buckets them by their first two letters, so only a few are
 * compared, and by a hash of the whole segment when even those buckets are crowded.
 */
export class StaticChildren<T> {
  /** Labels, percent-decoded (and case-folded when matching ignores case). */
  readonly labels: string[] = [];
  readonly heads: number[] = [];
  readonly codes: number[][] = [];
  readonly nodes: Node<T>[] = [];
  private byLabel: Map<string, number> | null = null;
  private prefixed: number[][] | null = null;
  private sampled: number[][] | null = null;

  /** Position of `label` (decoded, folded), or -1. */
  indexOf(label: string): number {
    return this.byLabel === null ? this.labels.indexOf(label) : (this.byLabel.get(label) ?? -1);
  }

  add(label: string, node: Node<T>): void {
    const position = this.labels.length;
    this.labels.push(label);
    this.heads.push(headOf(label));
    this.codes.push(Array.from({ length: label.length }, (_, i) => label.charCodeAt(i)));
    this.nodes.push(node);
    // Indexes are rebuilt whenever the node doubles, so adding stays linear overall.
    if (this.prefixed === null || (position + 1) * 2 > this.prefixed.length) {
      this.index();
      return;
    }
    this.byLabel!.set(label, position);
    if (this.place(position) && this.sampled === null) this.sample();
  }

  remove(label: string): void {
    const position = this.indexOf(label);
    this.labels.splice(position, 1);
    this.heads.splice(position, 1);
    this.codes.splice(position, 1);
    this.nodes.splice(position, 1);
    this.index();
  }

  /**
   * Position of the label that fills the segment at `start` of `key`, or -1. With `raw`, a
   * segment that holds `%`, `?` or `#` gives `SEGMENT_NEEDS_CARE` when the answer depends on it.
   */
  find(key: string, start: number, raw: boolean): number {
    const length = key.length;
    let first = key.charCodeAt(start);
    if (start === length || first === SLASH) first = -1;
    const heads = this.heads;
    if (this.prefixed === null) {
      for (let i = 0; i < heads.length; i++) {
        if (heads[i] === first && this.fills(i, key, start, length)) return i;
      }
      return -1;
    }
    let second = first === -1 ? -1 : key.charCodeAt(start + 1);
    if (start + 1 >= length || second === SLASH) second = -1;
    const bucket = this.prefixed[prefixHash(first, second) & (this.prefixed.length - 1)]!;
    if (bucket.length > CROWDED) return this.findSampled(key, start, raw);
    for (let i = 0; i < bucket.length; i++) {
      const position = bucket[i]!;
      if (heads[position] === first && this.fills(position, key, start, length)) return position;
    }
    return -1;
  }

  /** `find` for a segment whose first two letters many labels share: hash the whole segment. */
  private findSampled(key: string, start: number, raw: boolean): number {
    const end = segmentEnd(key, start, raw);
    if (end < 0) return SEGMENT_NEEDS_CARE;
    const size = end - start;
    const bucket = this.sampled![sampleHash(key, start, size) & (this.sampled!.length - 1)]!;
    next: for (let i = 0; i < bucket.length; i++) {
      const position = bucket[i]!;
      const codes = this.codes[position]!;
      if (codes.length !== size) continue;
      for (let j = 0; j < size; j++) if (codes[j] !== key.charCodeAt(start + j)) continue next;
      return position;
    }
    return -1;
  }

  /** Whether the label at `position` is the whole segment at `start` (its first letter matched). */
  private fills(position: number, key: string, start: number, length: number): boolean {
    const codes = this.codes[position]!;
    const size = codes.length;
    const stop = start + size;
    if (stop > length || (stop !== length && key.charCodeAt(stop) !== SLASH)) return false;
    // Backwards: siblings with the same first letter and length tend to share a prefix.
    for (let j = size - 1; j > 0; j--) if (codes[j] !== key.charCodeAt(start + j)) return false;
    return true;
  }

  private index(): void {
    const count = this.labels.length;
    this.sampled = null;
    if (count <= SCAN_LIMIT) {
      this.byLabel = this.prefixed = null;
      return;
    }
    this.byLabel = new Map(this.labels.map((label, i) => [label, i]));
    this.prefixed = emptyBuckets(count);
    let crowded = false;
    for (let i = 0; i < count; i++) crowded = this.place(i) || crowded;
    if (crowded) this.sample();
  }

  /** Files a label in the buckets; true when its first-two-letters bucket is now crowded. */
  private place(position: number): boolean {
    if (this.heads[position] === -2) return false;
    const codes = this.codes[position]!;
    const first = codes.length > 0 ? codes[0]! : -1;
    const second = codes.length > 1 ? codes[1]! : -1;
    const bucket = this.prefixed![prefixHash(first, second) & (this.prefixed!.length - 1)]!;
    bucket.push(position);
    if (this.sampled !== null) {
      const label = this.labels[position]!;
      this.sampled[sampleHash(label, 0, label.length) & (this.sampled.length - 1)]!.push(position);
    }
    return bucket.length > CROWDED;
  }

  private sample(): void {
    this.sampled = emptyBuckets(this.labels.length);
    for (let i = 0; i < this.labels.length; i++) {
      if (this.heads[i] === -2) continue;
      const label = this.labels[i]!;
      this.sampled[sampleHash(label, 0, label.length) & (this.sampled.length - 1)]!.push(i);
    }
  }
}
