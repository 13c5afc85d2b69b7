import type { ProblemItem, ProblemLocation } from '../http/http-error.js';

/** A step into a bound value: a property name or an array index. */
export type PathSegment = string | number;

const locationOrder: Record<ProblemLocation, number> = { path: 0, query: 1, header: 2, cookie: 3, body: 4 };

/**
 * The name a client knows a value by. Body values are JSON pointers (`/items/2/qty`, '' for the
 * body itself); the other sources use the wire name, with nested query keys in brackets as
 * they are written in a URL (`filter[status]`, `ids[1]`).
 */
export function wireName(location: ProblemLocation, segments: readonly PathSegment[]): string {
  if (location === 'body') return pointer(segments);
  if (segments.length === 0) return '';
  let name = String(segments[0]);
  for (let i = 1; i < segments.length; i++) name += `[${String(segments[i])}]`;
  return name;
}

/** RFC 6901 pointer of a path. */
export function pointer(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) out += `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`;
  return out;
}

/** The segments of an RFC 6901 pointer. */
export function segmentsOf(path: string): string[] {
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * Every problem one request has, across sources. Coercion records the values it could not
 * convert; validation then skips errors at or below those, so each bad value is reported once,
 * by the step that understood it best.
 */
export class Problems {
  items: ProblemItem[] | undefined = undefined;
  private failed: { location: ProblemLocation; pointer: string }[] | undefined = undefined;
  /** The source being coerced; coercion steps report against it. */
  location: ProblemLocation = 'path';
  /** Above zero while union members are tried: their failures are not the request's. */
  silent = 0;

  add(item: ProblemItem): void {
    if (this.items === undefined) this.items = [item];
    else this.items.push(item);
  }

  /** Records a value coercion could not convert; returns the value unchanged for the validator. */
  coercionFailed(segments: readonly PathSegment[], message: string, code: string, value: unknown): unknown {
    if (this.silent > 0) return value;
    this.add({ in: this.location, name: wireName(this.location, segments), message, code });
    const entry = { location: this.location, pointer: pointer(segments) };
    if (this.failed === undefined) this.failed = [entry];
    else this.failed.push(entry);
    return value;
  }

  /** Whether a validation error at `path` (a pointer) concerns a value coercion already reported. */
  covered(location: ProblemLocation, path: string): boolean {
    if (this.failed === undefined) return false;
    for (const entry of this.failed) {
      if (entry.location !== location) continue;
      if (path === entry.pointer || path.startsWith(`${entry.pointer}/`)) return true;
    }
    return false;
  }

  /** The problems in source order: path, query, header, cookie, body. */
  sorted(): ProblemItem[] {
    const items = this.items ?? [];
    return items.length < 2 ? items : items.slice().sort((a, b) => locationOrder[a.in] - locationOrder[b.in]);
  }
}

/** The problem detail line: the first few problems, then how many more there are. */
export function summarize(items: readonly ProblemItem[]): string {
  const shown = items
    .slice(0, 3)
    .map((item) =>
      item.name === '' ? `${item.in} ${item.message}` : `${item.in} ${item.name} ${item.message}`,
    );
  const more = items.length > 3 ? `; and ${items.length - 3} more` : '';
  const noun = items.length === 1 ? 'problem' : 'problems';
  return `The request has ${items.length} ${noun}: ${shown.join('; ')}${more}`;
}
