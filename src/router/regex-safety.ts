/**
 * Refuses parameter regular expressions whose backtracking can take exponential time, the way a
 * hostile path would exploit them (`(x+x+)+y` takes seconds on 30 characters). JavaScript's
 * engine backtracks, so the only defence is to keep such patterns out of the route table.
 *
 * The rule: a part repeated more than once (`*`, `+`, `{n,}`, `{n,m}` with m > 1) may not itself
 * contain a repetition of variable count or an alternation, because the text can then be split
 * between the iterations in exponentially many ways. It may when the part has a separator: one
 * literal character, outside any repetition or alternation of the part, that nothing else inside
 * the part can match, so each iteration holds exactly one of it and the split is fixed
 * (`[a-z]+(?:-[a-z]+)*`).
 *
 * Polynomial backtracking is bounded by the router's `maxParamLength`, but its degree is not:
 * `a*a*a*a*a*a*a*y` takes seconds to reject 60 characters. So at most two repetitions of
 * variable count in a row may be able to take one same character; a character one of them
 * cannot take, required between them, ends the run (`[0-9]*\.[0-9]*\.[0-9]*` is fine).
 */

interface Base {
  readonly start: number;
  readonly end: number;
}
/** One character: a literal, an escape, a class or `.`. `char` is set for a literal character. */
interface Atom extends Base {
  readonly type: 'atom';
  readonly source: string;
  readonly char?: string;
}
/** Anchors and back-references: nothing to repeat ambiguously, but a back-reference matches anything. */
interface Other extends Base {
  readonly type: 'other';
  readonly wide: boolean;
}
interface Group extends Base {
  readonly type: 'group';
  readonly alternatives: readonly Item[][];
}
interface Repeat extends Base {
  readonly type: 'repeat';
  readonly item: Item;
  readonly min: number;
  readonly max: number;
}
type Item = Atom | Other | Group | Repeat;

const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B']);

class Parser {
  private at = 0;

  constructor(private readonly source: string) {}

  parse(): Group {
    return this.alternatives(0);
  }

  private alternatives(start: number): Group {
    const alternatives: Item[][] = [[]];
    const text = this.source;
    while (this.at < text.length && text[this.at] !== ')') {
      const char = text[this.at]!;
      if (char === '|') {
        this.at++;
        alternatives.push([]);
        continue;
      }
      const current = alternatives[alternatives.length - 1]!;
      const quantifier = this.quantifier();
      if (quantifier !== null && current.length > 0) {
        const item = current.pop()!;
        current.push({ type: 'repeat', item, ...quantifier, start: item.start, end: this.at });
        continue;
      }
      current.push(this.item());
    }
    return { type: 'group', alternatives, start, end: this.at };
  }

  /** Reads `* + ? {n} {n,} {n,m}` (and a lazy `?`) at the cursor, or returns null. */
  private quantifier(): { min: number; max: number } | null {
    const text = this.source;
    const char = text[this.at];
    let bounds: { min: number; max: number } | null = null;
    if (char === '*') bounds = { min: 0, max: Number.POSITIVE_INFINITY };
    else if (char === '+') bounds = { min: 1, max: Number.POSITIVE_INFINITY };
    else if (char === '?') bounds = { min: 0, max: 1 };
    if (bounds !== null) {
      this.at++;
    } else if (char === '{') {
      const braces = /^\{([0-9]+)(,([0-9]*))?\}/.exec(text.slice(this.at));
      if (braces === null) return null;
      const min = Number(braces[1]);
      const max =
        braces[2] === undefined ? min : braces[3] === '' ? Number.POSITIVE_INFINITY : Number(braces[3]);
      bounds = { min, max };
      this.at += braces[0].length;
    } else {
      return null;
    }
    if (text[this.at] === '?') this.at++;
    return bounds;
  }

  private item(): Item {
    const text = this.source;
    const start = this.at;
    const char = text[this.at]!;
    if (char === '(') {
      this.at++;
      const head = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][A-Za-z0-9_$]*>)/.exec(text.slice(this.at));
      if (head !== null) this.at += head[0].length;
      const group = this.alternatives(start);
      this.at++;
      return { ...group, end: this.at };
    }
    if (char === '[') {
      this.at++;
      if (text[this.at] === '^') this.at++;
      while (this.at < text.length && text[this.at] !== ']') this.at += text[this.at] === '\\' ? 2 : 1;
      this.at++;
      return { type: 'atom', source: text.slice(start, this.at), start, end: this.at };
    }
    if (char === '^' || char === '$') {
      this.at++;
      return { type: 'other', wide: false, start, end: this.at };
    }
    if (char === '\\') return this.escape(start);
    this.at++;
    if (char === '.') return { type: 'atom', source: '.', start, end: this.at };
    return { type: 'atom', source: escapeChar(char), char, start, end: this.at };
  }

  private escape(start: number): Item {
    const text = this.source;
    const next = text[start + 1] ?? '';
    if (/[1-9]/.test(next) || next === 'k') {
      const reference = /^\\(?:[0-9]+|k<[^>]*>)/.exec(text.slice(start));
      this.at = start + (reference?.[0].length ?? 2);
      return { type: 'other', wide: true, start, end: this.at };
    }
    if (next === 'b' || next === 'B') {
      this.at = start + 2;
      return { type: 'other', wide: false, start, end: this.at };
    }
    const long = /^\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|c[A-Za-z])/.exec(text.slice(start));
    this.at = start + (long?.[0].length ?? 2);
    const source = text.slice(start, this.at);
    if (long !== null || CLASS_ESCAPES.has(next) || /[A-Za-z0-9]/.test(next)) {
      return { type: 'atom', source, start, end: this.at };
    }
    return { type: 'atom', source, char: next, start, end: this.at };
  }
}

function escapeChar(char: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char;
}

/** Whether repeating `item` lets one text match in more than one way. */
function ambiguous(item: Item): boolean {
  switch (item.type) {
    case 'atom':
      return false;
    case 'other':
      return item.wide;
    case 'repeat':
      return item.min !== item.max || ambiguous(item.item);
    case 'group':
      return item.alternatives.length > 1 || item.alternatives.some((sequence) => sequence.some(ambiguous));
  }
}

function atoms(item: Item, into: (Atom | Other)[]): (Atom | Other)[] {
  if (item.type === 'atom' || item.type === 'other') into.push(item);
  else if (item.type === 'repeat') atoms(item.item, into);
  else for (const sequence of item.alternatives) for (const part of sequence) atoms(part, into);
  return into;
}

/** Whether `item` holds a literal character, once and outside any choice, that nothing else in it matches. */
function separated(item: Item): boolean {
  if (item.type !== 'group' || item.alternatives.length !== 1) return false;
  const sequence = item.alternatives[0]!;
  const every = atoms(item, []);
  return sequence.some((candidate) => {
    if (candidate.type !== 'atom' || candidate.char === undefined) return false;
    const char = candidate.char;
    return every.every(
      (other) =>
        other === candidate ||
        (other.type === 'other' ? !other.wide : !new RegExp(`^(?:${other.source})$`).test(char)),
    );
  });
}

/** The first repetition of an ambiguous part, or null when the pattern is safe. */
function firstUnsafe(item: Item): Repeat | null {
  if (item.type === 'atom' || item.type === 'other') return null;
  if (item.type === 'repeat') {
    if (item.max > 1 && ambiguous(item.item) && !separated(item.item)) return item;
    return firstUnsafe(item.item);
  }
  for (const sequence of item.alternatives) {
    for (const part of sequence) {
      const found = firstUnsafe(part);
      if (found !== null) return found;
    }
  }
  return null;
}

/** The characters the overlap check tries: printable ASCII and a few beyond it. */
const SAMPLE = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '\t', 'é', '中'];

/** Which sample characters `item` can take anywhere inside it. */
function charsOf(item: Item): Set<string> {
  const chars = new Set<string>();
  for (const atom of atoms(item, [])) {
    if (atom.type === 'other') {
      if (atom.wide) for (const c of SAMPLE) chars.add(c);
      continue;
    }
    const one = new RegExp(`^(?:${atom.source})$`);
    for (const c of SAMPLE) if (one.test(c)) chars.add(c);
  }
  return chars;
}

/** Per character, the variable repetitions in a row since something that cannot take it was required. */
type Runs = Map<string, Repeat[]>;
interface Worst {
  run: Repeat[];
}

function keepOnly(runs: Runs, chars: Set<string>): void {
  for (const c of [...runs.keys()]) if (!chars.has(c)) runs.delete(c);
}

function walk(sequence: readonly Item[], runs: Runs, worst: Worst): void {
  for (const item of sequence) step(item, runs, worst);
}

function step(item: Item, runs: Runs, worst: Worst): void {
  if (item.type === 'other') return;
  if (item.type === 'atom') {
    keepOnly(runs, charsOf(item));
    return;
  }
  if (item.type === 'group') {
    if (item.alternatives.length === 1) {
      walk(item.alternatives[0]!, runs, worst);
      return;
    }
    // A choice: each alternative carries the runs on by itself; the longest run per character stays.
    const merged: Runs = new Map();
    for (const alternative of item.alternatives) {
      const own: Runs = new Map([...runs].map(([c, run]) => [c, [...run]]));
      walk(alternative, own, worst);
      for (const [c, run] of own) if ((merged.get(c)?.length ?? -1) < run.length) merged.set(c, run);
    }
    runs.clear();
    for (const [c, run] of merged) runs.set(c, run);
    return;
  }
  // What a repetition must take at least once ends the runs of characters it cannot take.
  for (let i = 0; i < Math.min(item.min, 2); i++) step(item.item, runs, worst);
  if (item.max === item.min) return;
  for (const c of charsOf(item.item)) {
    const run = [...(runs.get(c) ?? []), item];
    runs.set(c, run);
    if (run.length > worst.run.length) worst.run = run;
  }
}

/** The longest run of variable repetitions that can all take one same character. */
function longestRun(root: Group): Repeat[] {
  const worst: Worst = { run: [] };
  walk([root], new Map(), worst);
  return worst.run;
}

/** How many variable repetitions in a row may take one same character. */
const MAX_RUN = 2;

/**
 * Why `source` (a valid regular expression) is refused as a parameter pattern, or null when it
 * is safe to run on request paths.
 */
export function unsafeRegex(source: string): string | null {
  const root = new Parser(source).parse();
  const found = firstUnsafe(root);
  if (found === null) {
    const run = longestRun(root);
    if (run.length <= MAX_RUN) return null;
    const parts = run.map((r) => `"${source.slice(r.start, r.end)}"`).join(', ');
    return (
      `${parts} are ${run.length} repetitions in a row that can take the same characters, so a ` +
      `non-matching segment can take polynomial time of degree ${run.length} to reject; require a ` +
      `character between them that they cannot take (as in [a-z]+-[a-z]+), merge them, or use a macro`
    );
  }
  const part = source.slice(found.start, found.end);
  return (
    `"${part}" repeats a part that itself repeats or alternates, so a non-matching segment can ` +
    'take exponential time to reject; write it without nested repetition, give the repeated ' +
    'part a separator character nothing else in it matches (as in [a-z]+(?:-[a-z]+)*), or use ' +
    'a macro'
  );
}
