import { parseGoDuration } from '../metadata-values.js';
import { compileTrip, DEFAULT_TRIP } from './cel-trip.js';
import type { BreakerPolicy } from './circuit-breaker.js';
import { type RetryPolicy, retryPolicy } from './retry-policy.js';

/** The policy names a target gives one direction (`outbound: { timeout, retry, circuitBreaker }`). */
export interface PolicyNames {
  readonly timeout?: string;
  readonly retry?: string;
  readonly circuitBreaker?: string;
}

export interface ComponentTargets {
  readonly inbound: PolicyNames;
  readonly outbound: PolicyNames;
}

/** One `kind: Resiliency` document, parsed and checked. */
export interface ResiliencyDocument {
  readonly name: string;
  readonly source: string;
  readonly scopes: readonly string[];
  readonly timeouts: ReadonlyMap<string, number>;
  readonly retries: ReadonlyMap<string, RetryPolicy>;
  readonly circuitBreakers: ReadonlyMap<string, BreakerPolicy>;
  readonly components: ReadonlyMap<string, ComponentTargets>;
}

type Fields = Record<string, unknown>;

/**
 * Reads a Resiliency document (the value of one YAML document whose kind is Resiliency). Keys
 * match case-insensitively, as Dapr's decoder matches them. Returns the document, or every
 * problem found in it: Dapr skips a document it cannot decode as a whole, and so does Bindery.
 */
export function readResiliencyDocument(doc: Fields, source: string): ResiliencyDocument | string[] {
  const problems: string[] = [];
  const meta = record(get(doc, 'metadata')) ?? {};
  const nameValue = get(meta, 'name');
  const name = typeof nameValue === 'string' && nameValue !== '' ? nameValue : '';
  if (name === '') problems.push('metadata.name is missing');
  const scopesValue = get(doc, 'scopes') ?? [];
  const scopes =
    Array.isArray(scopesValue) && scopesValue.every((s) => typeof s === 'string') ? scopesValue : undefined;
  if (scopes === undefined) problems.push('scopes must be a list of app ids');

  const spec = record(get(doc, 'spec'));
  if (spec === undefined) problems.push('spec is missing');
  const policies = record(get(spec ?? {}, 'policies')) ?? {};

  const timeouts = new Map<string, number>();
  for (const [key, value] of entries(policies, 'timeouts', problems)) {
    const ms = duration(value);
    if (ms === undefined || ms < 0)
      problems.push(`timeout ${key}: ${JSON.stringify(value)} is not a duration`);
    else timeouts.set(key, ms);
  }

  const retries = new Map<string, RetryPolicy>();
  for (const [key, value] of entries(policies, 'retries', problems)) {
    const fields = record(value);
    if (fields === undefined) problems.push(`retry ${key}: must be a mapping`);
    else {
      const retry = readRetry(key, fields, problems);
      if (retry !== undefined) retries.set(key, retry);
    }
  }

  const circuitBreakers = new Map<string, BreakerPolicy>();
  for (const [key, value] of entries(policies, 'circuitBreakers', problems)) {
    const fields = record(value);
    if (fields === undefined) problems.push(`circuit breaker ${key}: must be a mapping`);
    else {
      const breaker = readBreaker(key, fields, problems);
      if (breaker !== undefined) circuitBreakers.set(key, breaker);
    }
  }

  const components = new Map<string, ComponentTargets>();
  const targets = record(get(spec ?? {}, 'targets')) ?? {};
  for (const [key, value] of entries(targets, 'components', problems)) {
    const target = record(value);
    if (target === undefined) {
      problems.push(`target components.${key}: must be a mapping`);
      continue;
    }
    components.set(key, {
      inbound: readNames(`components.${key}.inbound`, get(target, 'inbound'), problems),
      outbound: readNames(`components.${key}.outbound`, get(target, 'outbound'), problems),
    });
  }

  if (problems.length > 0) return problems;
  return { name, source, scopes: scopes ?? [], timeouts, retries, circuitBreakers, components };
}

function readRetry(name: string, fields: Fields, problems: string[]): RetryPolicy | undefined {
  const at = `retry ${name}`;
  const before = problems.length;
  const policyText = get(fields, 'policy');
  let policy: 'constant' | 'exponential' | undefined;
  if (policyText !== undefined) {
    const lower = String(policyText).toLowerCase();
    if (lower === 'constant' || lower === 'exponential') policy = lower;
    else problems.push(`${at}: policy ${JSON.stringify(policyText)} is not constant or exponential`);
  }
  const ms = (key: string) => {
    const value = get(fields, key);
    if (value === undefined) return undefined;
    const parsed = duration(value);
    if (parsed === undefined || parsed < 0)
      problems.push(`${at}: ${key} ${JSON.stringify(value)} is not a duration`);
    return parsed;
  };
  const num = (key: string, integer: boolean) => {
    const value = get(fields, key);
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (typeof value === 'boolean' || !Number.isFinite(parsed) || (integer && !Number.isInteger(parsed))) {
      problems.push(`${at}: ${key} ${JSON.stringify(value)} is not ${integer ? 'an integer' : 'a number'}`);
      return undefined;
    }
    return parsed;
  };
  const maxRetries = num('maxRetries', true);
  if (maxRetries !== undefined && maxRetries < -1) problems.push(`${at}: maxRetries must be -1 or more`);
  const matching = record(get(fields, 'matching'));
  const fieldsRead = {
    policy,
    durationMs: ms('duration'),
    initialIntervalMs: ms('initialInterval'),
    maxIntervalMs: ms('maxInterval'),
    maxElapsedTimeMs: ms('maxElapsedTime'),
    randomizationFactor: num('randomizationFactor', false),
    multiplier: num('multiplier', false),
    maxRetries,
    httpStatusCodes: codes(matching, 'httpStatusCodes'),
    grpcStatusCodes: codes(matching, 'gRPCStatusCodes'),
  };
  if (problems.length > before) return undefined;
  try {
    return retryPolicy(name, defined(fieldsRead));
  } catch (error) {
    problems.push(`${at}: matching: ${(error as Error).message}`);
    return undefined;
  }
}

function readBreaker(name: string, fields: Fields, problems: string[]): BreakerPolicy | undefined {
  const at = `circuit breaker ${name}`;
  const before = problems.length;
  const ms = (key: string, fallback: number) => {
    const value = get(fields, key);
    if (value === undefined) return fallback;
    const parsed = duration(value);
    if (parsed === undefined || parsed < 0) {
      problems.push(`${at}: ${key} ${JSON.stringify(value)} is not a duration`);
      return fallback;
    }
    return parsed;
  };
  const maxRequestsValue = get(fields, 'maxRequests');
  const maxRequests = maxRequestsValue === undefined ? 0 : Number(maxRequestsValue);
  if (!Number.isInteger(maxRequests) || maxRequests < 0)
    problems.push(`${at}: maxRequests ${JSON.stringify(maxRequestsValue)} is not a whole number`);
  const intervalMs = ms('interval', 0);
  // gobreaker's rule: 0 means the default (60 s open, 1 probe).
  const timeoutMs = ms('timeout', 0) || 60_000;
  const tripValue = get(fields, 'trip');
  const trip = tripValue === undefined || tripValue === '' ? DEFAULT_TRIP : String(tripValue);
  let shouldTrip: BreakerPolicy['shouldTrip'] | undefined;
  try {
    shouldTrip = compileTrip(trip);
  } catch (error) {
    problems.push(`${at}: ${(error as Error).message}`);
  }
  if (problems.length > before || shouldTrip === undefined) return undefined;
  return { name, maxRequests: maxRequests || 1, intervalMs, timeoutMs, trip, shouldTrip };
}

function readNames(at: string, value: unknown, problems: string[]): PolicyNames {
  if (value === undefined || value === null) return {};
  const fields = record(value);
  if (fields === undefined) {
    problems.push(`target ${at}: must be a mapping`);
    return {};
  }
  const names: { timeout?: string; retry?: string; circuitBreaker?: string } = {};
  for (const key of ['timeout', 'retry', 'circuitBreaker'] as const) {
    const v = get(fields, key);
    if (v === undefined || v === '') continue;
    if (typeof v !== 'string') problems.push(`target ${at}.${key}: must be a policy name`);
    else names[key] = v;
  }
  return names;
}

/** A Go duration (`5s`), or a whole number of milliseconds as Dapr's resiliency decoder reads one. */
function duration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  return parseGoDuration(value);
}

function codes(matching: Fields | undefined, key: string): string | undefined {
  const value = matching === undefined ? undefined : get(matching, key);
  return value === undefined || value === null ? undefined : String(value);
}

function entries(parent: Fields, key: string, problems: string[]): [string, unknown][] {
  const value = get(parent, key);
  if (value === undefined || value === null) return [];
  const fields = record(value);
  if (fields === undefined) {
    problems.push(`${key} must be a mapping of names`);
    return [];
  }
  return Object.entries(fields);
}

/** A member by name, matched case-insensitively. */
function get(fields: Fields, key: string): unknown {
  if (key in fields) return fields[key];
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(fields)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function record(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
