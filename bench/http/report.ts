import type { Mode, RoundSample, Samples } from './samples.js';
import { ROUTE_REQUESTS, type RouteName } from './spec.js';
import { median, percentile } from './stats.js';

/** The two servers every other is compared with: the floor and the best-known fast framework. */
export const REFERENCES = ['node-http', 'fastify'] as const;

export interface Summary {
  readonly rounds: number;
  readonly reqPerSec: { readonly median: number; readonly p10: number };
  readonly cpuUsPerReq: { readonly median: number; readonly p10: number };
  readonly nsPerReq?: { readonly median: number; readonly p10: number };
  readonly failures: number;
}

export function summarize(rounds: readonly RoundSample[]): Summary {
  const of = (pick: (s: RoundSample) => number) => {
    const values = rounds.map(pick).filter((v) => Number.isFinite(v));
    return { median: median(values), p10: percentile(values, 10) };
  };
  const ns = rounds.flatMap((s) => (s.nsPerReq === undefined ? [] : [s.nsPerReq]));
  return {
    rounds: rounds.length,
    reqPerSec: of((s) => s.reqPerSec),
    cpuUsPerReq: of((s) => s.cpuUsPerReq),
    ...(ns.length > 0 ? { nsPerReq: { median: median(ns), p10: percentile(ns, 10) } } : {}),
    failures: rounds.reduce((sum, s) => sum + s.failures, 0),
  };
}

/** Summaries by route, then server, in the order the servers were given. */
export type Summaries = Map<RouteName, Map<string, Summary>>;

export function summarizeAll(samples: Samples): Summaries {
  const out: Summaries = new Map();
  for (const [route, byServer] of samples) {
    out.set(route, new Map([...byServer].map(([server, rounds]) => [server, summarize(rounds)])));
  }
  return out;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function count(value: number): string {
  return Number.isFinite(value) ? integer.format(value) : '–';
}

function micros(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value >= 100 ? integer.format(value) : value.toFixed(value >= 10 ? 1 : 2);
}

function ratio(value: number, reference: number | undefined): string {
  if (reference === undefined || !Number.isFinite(value) || !Number.isFinite(reference) || reference === 0) {
    return '–';
  }
  return `${(value / reference).toFixed(2)}×`;
}

type Spread = { readonly median: number; readonly p10: number };

/**
 * A cost ratio on the medians, then on the p10s in parentheses. Noise only ever adds cost, so
 * on a busy machine the p10 ratio is the steadier one; on an idle machine the two agree.
 */
function costRatio(value: Spread | undefined, reference: Spread | undefined): string {
  if (value === undefined || reference === undefined) return '–';
  return `${ratio(value.median, reference.median)} (${ratio(value.p10, reference.p10)})`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** One markdown table: a route in a mode, every server a row. */
export function table(mode: Mode, route: RouteName, byServer: ReadonlyMap<string, Summary>): string {
  const spec = ROUTE_REQUESTS[route];
  const lines = [`### ${mode} — ${route} (\`${spec.method} ${spec.url}\`)`, ''];
  const refs = REFERENCES.map((name) => byServer.get(name));
  const flagged: string[] = [];
  const label = (server: string, s: Summary) => {
    if (s.failures === 0) return server;
    flagged.push(`${server}: ${s.failures} unexpected answers or errors`);
    return `${server} ⚠`;
  };
  if (mode === 'inproc') {
    lines.push(
      row([
        'server',
        'ns/req median',
        'ns/req p10',
        'req/s median',
        'req/s p10',
        'CPU µs/req median',
        'CPU µs/req p10',
        ...REFERENCES.map((r) => `time vs ${r}`),
        ...REFERENCES.map((r) => `CPU vs ${r}`),
      ]),
      row(['---', ...Array<string>(10).fill('---:')]),
    );
    for (const [server, s] of byServer) {
      const ns = s.nsPerReq ?? { median: Number.NaN, p10: Number.NaN };
      lines.push(
        row([
          label(server, s),
          count(ns.median),
          count(ns.p10),
          count(s.reqPerSec.median),
          count(s.reqPerSec.p10),
          micros(s.cpuUsPerReq.median),
          micros(s.cpuUsPerReq.p10),
          ...refs.map((ref) => costRatio(s.nsPerReq, ref?.nsPerReq)),
          ...refs.map((ref) => costRatio(s.cpuUsPerReq, ref?.cpuUsPerReq)),
        ]),
      );
    }
  } else {
    lines.push(
      row([
        'server',
        'req/s median',
        'req/s p10',
        'CPU µs/req median',
        'CPU µs/req p10',
        ...REFERENCES.map((r) => `req/s vs ${r}`),
        ...REFERENCES.map((r) => `CPU vs ${r}`),
      ]),
      row(['---', ...Array<string>(8).fill('---:')]),
    );
    for (const [server, s] of byServer) {
      lines.push(
        row([
          label(server, s),
          count(s.reqPerSec.median),
          count(s.reqPerSec.p10),
          micros(s.cpuUsPerReq.median),
          micros(s.cpuUsPerReq.p10),
          ...refs.map((ref) => ratio(s.reqPerSec.median, ref?.reqPerSec.median)),
          ...refs.map((ref) => costRatio(s.cpuUsPerReq, ref?.cpuUsPerReq)),
        ]),
      );
    }
  }
  if (flagged.length > 0) lines.push('', `⚠ ${flagged.join('; ')}`);
  return lines.join('\n');
}
