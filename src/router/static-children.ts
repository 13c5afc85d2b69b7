import { SLASH, segmentEnd } from './path-text.js';
import type { Node } from './trie.js';

/** Up to this many children a node compares them all; past it, it hashes the segment. */
const SCAN_LIMIT = 6;

/**
 * The one empty array every trie node starts with for its literal children and its parameter
 * edges, replaced by its own on the first addition: most nodes of a large trie are leaves.
 */
export const NONE: readonly never[] = Object.freeze([]);

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

/**
 * FNV-1a over the segment [start, end) of `text`. Every character counts: generated tables
 * (`res1` … `res9999`) differ in a few characters anywhere, which any sample would miss.
 */
export function segmentHash(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/**
 * The literal children of a trie node. Labels are compared against the path character by
 * character: slicing the segment for a map lookup would allocate a fresh string on
 * every request. A node with many children finds the candidate by a hash of the whole segment in
 * an open-addressed table, so a lookup costs the same with ten children or ten thousand.
 */
export class StaticChildren<T> {
  /**
   * Labels, percent-decoded (and case-folded when matching ignores case). The three arrays start
   * as one shared empty array and are made on the first `add`: most nodes of a large trie are
   * leaves, and registering many routes is dominated by what it allocates.
   */
  labels: readonly string[] = NONE;
  heads: readonly number[] = NONE;
  nodes: readonly Node<T>[] = NONE;
  private byLabel: Map<string, number> | null = null;
  /** Slot pairs by segment hash (see `index`), built on the first lookup after a change. */
  private table: Int32Array | null = null;

  /** Position of `label` (decoded, folded), or -1. */
  indexOf(label: string): number {
    return this.byLabel === null ? this.labels.indexOf(label) : (this.byLabel.get(label) ?? -1);
  }

  add(label: string, node: Node<T>): void {
    const position = this.labels.length;
    if (position === 0) {
      this.labels = [label];
      this.heads = [headOf(label)];
      this.nodes = [node];
    } else {
      (this.labels as string[]).push(label);
      (this.heads as number[]).push(headOf(label));
      (this.nodes as Node<T>[]).push(node);
    }
    this.table = null;
    if (this.byLabel !== null) this.byLabel.set(label, position);
    else if (position + 1 > SCAN_LIMIT) this.byLabel = new Map(this.labels.map((text, i) => [text, i]));
  }

  remove(label: string): void {
    const position = this.indexOf(label);
    (this.labels as string[]).splice(position, 1);
    (this.heads as number[]).splice(position, 1);
    (this.nodes as Node<T>[]).splice(position, 1);
    this.table = null;
    this.byLabel = this.labels.length > SCAN_LIMIT ? new Map(this.labels.map((text, i) => [text, i])) : null;
  }

  /**
   * Position of the label that fills the segment at `start` of `key`, or -1. With `raw`, a
   * segment that holds `%`, `?` or `#` gives `SEGMENT_NEEDS_CARE` when the answer depends on it.
   */
  find(key: string, start: number, raw: boolean): number {
    const length = key.length;
    const heads = this.heads;
    if (heads.length > SCAN_LIMIT) {
      const end = segmentEnd(key, start, raw);
      return end < 0 ? SEGMENT_NEEDS_CARE : this.hashed(key, start, end);
    }
    let first = key.charCodeAt(start);
    if (start === length || first === SLASH) first = -1;
    for (let i = 0; i < heads.length; i++) {
      if (heads[i] === first && this.fills(i, key, start, length)) return i;
    }
    return -1;
  }

  /** Position of the label equal to the whole segment [start, end) of `text`, or -1. */
  hashed(text: string, start: number, end: number): number {
    const table = this.table ?? this.index();
    return this.probe(table, segmentHash(text, start, end), text, start, end);
  }

  private probe(table: Int32Array, hash: number, text: string, start: number, end: number): number {
    const mask = table.length - 1;
    const size = end - start;
    next: for (let slot = (hash << 1) & mask; ; slot = (slot + 2) & mask) {
      const entry = table[slot]!;
      if (entry === 0) return -1;
      if (table[slot + 1] !== hash) continue;
      const label = this.labels[entry - 1]!;
      if (label.length !== size) continue;
      for (let j = 0; j < size; j++) if (label.charCodeAt(j) !== text.charCodeAt(start + j)) continue next;
      return entry - 1;
    }
  }

  /** Whether the label at `position` is the whole segment at `start` (its first letter matched). */
  private fills(position: number, key: string, start: number, length: number): boolean {
    const label = this.labels[position]!;
    const size = label.length;
    const stop = start + size;
    if (stop > length || (stop !== length && key.charCodeAt(stop) !== SLASH)) return false;
    // Backwards: siblings with the same first letter and length tend to share a prefix.
    for (let j = size - 1; j > 0; j--) if (label.charCodeAt(j) !== key.charCodeAt(start + j)) return false;
    return true;
  }

  /**
   * Every label's characters in one array, label `i` from `offsets[i]` to `offsets[i + 1]`: what
   * generated code compares a segment with once its hash matched, reading numbers from typed
   * arrays rather than characters from strings of an untyped array.
   */
  characters(): { readonly chars: Uint16Array; readonly offsets: Int32Array } {
    const offsets = new Int32Array(this.labels.length + 1);
    for (let i = 0; i < this.labels.length; i++) offsets[i + 1] = offsets[i]! + this.labels[i]!.length;
    const chars = new Uint16Array(offsets[this.labels.length]!);
    this.labels.forEach((label, i) => {
      for (let j = 0; j < label.length; j++) chars[offsets[i]! + j] = label.charCodeAt(j);
    });
    return { chars, offsets };
  }

  /**
   * The hash table of the labels (see `hashed`), for generated code that probes it inline: pairs
   * of position + 1 (0 is empty) and the label's full hash, so a probe that meets another label
   * moves on after comparing one number, and a segment is compared with a label only when their
   * hashes are equal.
   */
  index(): Int32Array {
    let slots = 16;
    while (slots < this.labels.length * 2) slots *= 2;
    const table = new Int32Array(slots * 2);
    const mask = table.length - 1;
    for (let i = 0; i < this.labels.length; i++) {
      // Labels only a decoded segment can spell stay out: raw text never equals them.
      if (this.heads[i] === -2) continue;
      const label = this.labels[i]!;
      const hash = segmentHash(label, 0, label.length);
      let slot = (hash << 1) & mask;
      while (table[slot] !== 0) slot = (slot + 2) & mask;
      table[slot] = i + 1;
      table[slot + 1] = hash;
    }
    this.table = table;
    return table;
  }
}
