import type { RawWalk } from './compiled-walk.js';
import type { FoundRoute } from './lookup-result.js';
import { Node } from './trie.js';

interface StaticEntry<T> {
  readonly path: string;
  readonly hit: FoundRoute<T>;
}

/**
 * The statics whose paths share a slot. A few are compared with `===`; past `CROWDED` they move
 * to a `Map`, which hashes the request path in full but stays O(1) however alike the paths are
 * (thousands of generated `/api/v3/resN/items` share length and sampled characters).
 */
class StaticBucket<T> {
  entries: StaticEntry<T>[] = [];
  map: Map<string, FoundRoute<T>> | null = null;

  add(entry: StaticEntry<T>): void {
    if (this.map !== null) {
      this.map.set(entry.path, entry.hit);
      return;
    }
    this.entries.push(entry);
    if (this.entries.length > CROWDED) {
      this.map = new Map(this.entries.map(({ path, hit }) => [path, hit]));
      this.entries = [];
    }
  }
}

const CROWDED = 8;

/**
 * A hash of a path from its length and two characters. Hashing a request path in full (as a
 * `Map` lookup does for every new string) costs more than the lookup itself, and every miss pays
 * it; the few candidates of a bucket are compared with `===`, and a crowded bucket is a `Map`.
 */
function slot(path: string): number {
  const length = path.length;
  return (
    Math.imul(length, 0x9e3779b1) ^
    Math.imul(path.charCodeAt(length - 1), 0x045d9f3b) ^
    Math.imul(path.charCodeAt(length >> 1), 0x27d4eb2d)
  );
}

/** The routes of one method: a table for templates without parameters, and the trie. */
export class MethodTree<T> {
  readonly root = new Node<T>();
  /** Routes with parameters; without any, an unencoded path never needs the trie. */
  dynamic = 0;
  /** The generated raw pass: undefined until the first lookup after a change, null if unavailable. */
  walk: RawWalk<T> | null | undefined = undefined;
  private size = 0;
  private buckets: (StaticBucket<T> | undefined)[] = new Array(64);

  staticHit(path: string): FoundRoute<T> | undefined {
    const bucket = this.buckets[slot(path) & (this.buckets.length - 1)];
    if (bucket === undefined) return undefined;
    if (bucket.map !== null) return bucket.map.get(path);
    const entries = bucket.entries;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.path === path) return entry.hit;
    }
    return undefined;
  }

  addStatic(path: string, hit: FoundRoute<T>): void {
    if (++this.size * 2 > this.buckets.length) this.resize(this.buckets.length * 2);
    this.place({ path, hit });
  }

  removeStatic(path: string): void {
    const index = slot(path) & (this.buckets.length - 1);
    const bucket = this.buckets[index]!;
    if (bucket.map !== null) bucket.map.delete(path);
    else
      bucket.entries.splice(
        bucket.entries.findIndex((entry) => entry.path === path),
        1,
      );
    if (bucket.entries.length === 0 && (bucket.map === null || bucket.map.size === 0))
      this.buckets[index] = undefined;
    this.size--;
  }

  private place(entry: StaticEntry<T>): void {
    const index = slot(entry.path) & (this.buckets.length - 1);
    let bucket = this.buckets[index];
    if (bucket === undefined) bucket = this.buckets[index] = new StaticBucket<T>();
    bucket.add(entry);
  }

  private resize(size: number): void {
    const entries = this.buckets.flatMap((bucket) =>
      bucket === undefined
        ? []
        : bucket.map === null
          ? bucket.entries
          : Array.from(bucket.map, ([path, hit]) => ({ path, hit })),
    );
    this.buckets = new Array(size);
    for (const entry of entries) this.place(entry);
  }
}
