/** An inclusive range of status codes, as Dapr's `matching` lists write them (`500-599`). */
interface CodeRange {
  readonly start: number;
  readonly end: number;
}

/** The codes each kind of list may name: HTTP 100–599, gRPC 0–16. */
export const HTTP_CODES: CodeRange = { start: 100, end: 599 };
export const GRPC_CODES: CodeRange = { start: 0, end: 16 };

/**
 * A retry's `matching` list (`"429,500-599"`): which status codes are worth another attempt.
 * An absent or empty list matches every code, as in Dapr.
 */
export class StatusCodeRanges {
  private constructor(private readonly ranges: readonly CodeRange[] | undefined) {}

  static readonly ANY = new StatusCodeRanges(undefined);

  /** Parses a list; throws with Dapr's wording when a pattern is malformed or out of range. */
  static parse(text: string | undefined, valid: CodeRange): StatusCodeRanges {
    if (text === undefined || text === '') return StatusCodeRanges.ANY;
    const ranges: CodeRange[] = [];
    for (const pattern of text.split(',')) {
      if (pattern === '') continue;
      const parts = pattern.split('-');
      if (parts.length > 2) throw new Error(`invalid pattern ${pattern}, more than one '-' exists`);
      const start = whole(parts[0]!, pattern, 'start');
      const end = parts.length === 2 ? whole(parts[1]!, pattern, 'end') : start;
      if (!inside(valid, start))
        throw new Error(`invalid pattern ${pattern}, start code ${start} is not valid`);
      if (!inside(valid, end)) throw new Error(`invalid pattern ${pattern}, end code ${end} is not valid`);
      if (end < start)
        throw new Error(`invalid pattern ${pattern}, start code ${start} is greater than end code ${end}`);
      ranges.push({ start, end });
    }
    return new StatusCodeRanges(ranges);
  }

  matches(code: number): boolean {
    return this.ranges === undefined || this.ranges.some((r) => inside(r, code));
  }

  toString(): string {
    if (this.ranges === undefined) return 'any';
    return this.ranges.map((r) => (r.start === r.end ? String(r.start) : `${r.start}-${r.end}`)).join(',');
  }
}

function whole(text: string, pattern: string, which: 'start' | 'end'): number {
  const trimmed = text.trim();
  if (!/^[+-]?\d+$/.test(trimmed))
    throw new Error(`failed to parse ${which} code ${text} from pattern ${pattern} to int`);
  return Number(trimmed);
}

function inside(range: CodeRange, code: number): boolean {
  return range.start <= code && code <= range.end;
}
