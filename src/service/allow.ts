import { HTTP_METHODS } from '../http/methods.js';

const order: readonly string[] = HTTP_METHODS;

/**
 * The `Allow` header for a path: every registered method, HEAD wherever GET is (HEAD is served
 * from GET routes), and OPTIONS (answered automatically). `*` routes allow every method.
 */
export function allowHeader(methods: readonly string[]): string {
  const set = new Set<string>();
  for (const m of methods) {
    if (m === '*') for (const o of order) set.add(o);
    else set.add(m);
  }
  if (set.has('GET')) set.add('HEAD');
  set.add('OPTIONS');
  const known = order.filter((m) => set.has(m));
  const extra = [...set].filter((m) => !order.includes(m)).sort();
  return [...known, ...extra].join(', ');
}
