import type { RawWalk } from './compiled-walk.js';
import type { FoundRoute } from './lookup-result.js';
import { Node } from './trie.js';

interface StaticEntry<T> {
  readonly path: string;
  readonly hit: FoundRoute<T>;
}

/**
 * A hash of a path from its length and three characters. Hashing a request path in full (as a
 * `Map` lookup does for every new string) costs more than the lookup itself; comparing the few
 * candidates of one bucket with `===` is cheaper.
 */
function slot(path: string): number {
  const length = path.length;
  return (
    Math.imul(length, 0x9e3779b1) ^
    Math.imul(path.charCodeAt(1), 0x01000193) ^
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
  private buckets: (StaticEntry<T>[] | undefined)[] = new Array(64);

  staticHit(path: string): FoundRoute<T> | undefined {
    const bucket = this.buckets[slot(path) & (this.buckets.length - 1)];
    if (bucket === undefined) return undefined;
    for (let i = 0; i < bucket.length; i++) {
      const entry = bucket[i]!;
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
    bucket.splice(
      bucket.findIndex((entry) => entry.path === path),
      1,
    );
    if (bucket.length === 0) this.buckets[index] = undefined;
    this.size--;
  }

  private place(entry: StaticEntry<T>): void {
    const index = slot(entry.path) & (this.buckets.length - 1);
    const bucket = this.buckets[index];
    if (bucket === undefined) this.buckets[index] = [entry];
    else bucket.push(entry);
  }

  private resize(size: number): void {
    const entries = this.buckets.flatMap((bucket) => bucket ?? []);
    this.buckets = new Array(size);
    for (const entry of entries) this.place(entry);
  }
}
