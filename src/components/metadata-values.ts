/**
 * Parsers for the string values component and request metadata carry. They accept what Dapr's
 * component files accept, so the same files load in both runtimes.
 */

const TRUTHY = new Set(['y', 'yes', 'true', 't', 'on', '1']);
const FALSY = new Set(['n', 'no', 'false', 'f', 'off', '0']);

/**
 * Dapr's request-metadata reading of a flag: a known truthy word is true, anything else false.
 * Used where Dapr uses it (e.g. `errorIfNot2XX` on a request) so requests behave the same.
 */
export function isTruthy(value: string | undefined): boolean {
  return value !== undefined && TRUTHY.has(value.trim().toLowerCase());
}

/** A component-file flag: unlike `isTruthy`, an unknown word is an error, not a silent false. */
export function parseStrictBoolean(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (TRUTHY.has(v)) return true;
  if (FALSY.has(v)) return false;
  return undefined;
}

/** Go's `strconv.ParseBool`: exactly these spellings, nothing trimmed. */
export function parseGoBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's `time.ParseDuration` grammar, in milliseconds (may be fractional). */
export function parseGoDuration(text: string): number | undefined {
  const s = text.trim();
  const match = /^([+-]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+|0)$/.exec(s);
  if (match === null) return undefined;
  const body = match[2]!;
  if (body === '0') return 0;
  let total = 0;
  for (const part of body.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(part[1]) * UNIT_MS[part[2]!]!;
  }
  return match[1] === '-' ? -total : total;
}

/** A component-file duration: a Go duration, or a whole number of seconds as Dapr's decoder allows. */
export function parseDurationMs(text: string): number | undefined {
  const go = parseGoDuration(text);
  if (go !== undefined) return go;
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) * 1000 : undefined;
}

const QUANTITY_FACTORS: Readonly<Record<string, number>> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** Why a quantity was refused: not a quantity at all, or not a whole number of bytes. */
export type QuantityProblem = 'syntax' | 'not-whole';

/**
 * A Kubernetes resource quantity (`4Mi`, `10M`, `1e6`, `4194304`, `1500m`) as whole bytes, the
 * way Dapr reads every size (component ByteSize fields and daprd's size flags). Like Kubernetes,
 * `K` is not a suffix (`k` is) and nothing is trimmed.
 */
export function parseQuantityBytes(text: string): number | QuantityProblem {
  const match = /^([+-]?[0-9.]+)([eE][-+]?[0-9]+|[KMGTPE]i|[kMGTPE]|m|)$/.exec(text);
  if (match === null || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(match[1]!)) return 'syntax';
  const suffix = match[2]!;
  const number = Number(match[1]);
  const bytes = /^[eE]/.test(suffix)
    ? number * 10 ** Number(suffix.slice(1))
    : suffix === 'm'
      ? number / 1000
      : number * QUANTITY_FACTORS[suffix]!;
  return Number.isSafeInteger(bytes) ? bytes : 'not-whole';
}

/** The text Kubernetes gives for a quantity it refuses, so messages read as daprd's. */
export function quantityProblemText(text: string, problem: QuantityProblem): string {
  return problem === 'syntax'
    ? "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    : `cannot get bytes from resource quantity value '${text}'`;
}
