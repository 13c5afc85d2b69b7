import { ownValue, setOwn, UploadedFile } from '../http/readers/index.js';

/** Deepest `a[b][c]…` nesting read; deeper keys stay flat (and are unknown to the schema). */
const maxDepth = 5;

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof UploadedFile)
  );
}

/**
 * Reads bracket keys of a query or form into nested records: `filter[status]=open` becomes
 * `{ filter: { status: 'open' } }` and `ids[]=1&ids[]=2` becomes `{ ids: ['1', '2'] }`. A key
 * that is not well-formed, too deep, or clashes with a plain key of the same name is kept as it
 * was written. Names are only ever own properties, so `__proto__[x]` is harmless.
 */
export function nestBrackets(flat: Record<string, unknown>): Record<string, unknown> {
  let hasBrackets = false;
  for (const key in flat) {
    if (key.includes('[')) {
      hasBrackets = true;
      break;
    }
  }
  if (!hasBrackets) return flat;
  const out: Node = {};
  for (const key in flat) if (!key.includes('[')) setOwn(out, key, flat[key]);
  for (const key in flat) {
    if (!key.includes('[')) continue;
    const segments = parseKey(key);
    if (segments === undefined || !insert(out, segments, flat[key]!)) setOwn(out, key, flat[key]);
  }
  return out;
}

/** `a[b][]` → ['a', 'b', '']; undefined when the key is not brackets all the way. */
function parseKey(key: string): string[] | undefined {
  const open = key.indexOf('[');
  if (open === 0) return undefined;
  const segments = [key.slice(0, open)];
  let i = open;
  while (i < key.length) {
    if (key[i] !== '[') return undefined;
    const close = key.indexOf(']', i);
    if (close === -1) return undefined;
    segments.push(key.slice(i + 1, close));
    i = close + 1;
  }
  if (segments.length - 1 > maxDepth) return undefined;
  // `[]` appends, so only the last segment may be empty.
  for (let j = 1; j < segments.length - 1; j++) if (segments[j] === '') return undefined;
  return segments;
}

function insert(root: Node, segments: readonly string[], value: unknown): boolean {
  let node = root;
  const last = segments.length - 1;
  const append = segments[last] === '';
  const end = append ? last - 1 : last;
  for (let i = 0; i < end; i++) {
    const key = segments[i]!;
    let child = ownValue(node, key);
    if (child === undefined) {
      child = {};
      setOwn(node, key, child);
    } else if (!isNode(child)) {
      return false;
    }
    node = child as Node;
  }
  const key = segments[end]!;
  const seen = ownValue(node, key);
  if (isNode(seen)) return false;
  const values: unknown[] = Array.isArray(value) ? value : [value];
  if (seen === undefined) setOwn<unknown>(node, key, append || Array.isArray(value) ? [...values] : value);
  else setOwn<unknown>(node, key, [...(Array.isArray(seen) ? seen : [seen]), ...values]);
  return true;
}
