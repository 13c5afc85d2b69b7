import { parseArgs } from 'node:util';
import { PEER_NAMES } from './servers/index.js';
import { ROUTE_NAMES, type RouteName } from './spec.js';

export interface Options {
  readonly modes: readonly ('inproc' | 'socket')[];
  /** Socket rounds. */
  readonly rounds: number;
  readonly inprocRounds: number;
  readonly inprocMs: number;
  /** Processes per server; the in-process mode pools their rounds. */
  readonly forks: number;
  /** Seconds per socket round. */
  readonly duration: number;
  readonly connections: number;
  readonly servers: readonly string[];
  readonly routes: readonly RouteName[];
  readonly json: string | undefined;
}

export const USAGE = `Usage: npm run bench -- [options]

  --mode inproc|socket|both   what to measure (default both)
  --rounds N                  socket rounds (default 5)
  --duration S                seconds per socket round (default 2)
  --inproc-rounds N           in-process rounds (default 30)
  --inproc-ms MS              wall time of one in-process round per process (default 25)
  --forks N                   processes per server, in-process mode (default 3)
  --connections N             concurrent connections, real or fake (default 10)
  --servers a,b               servers to run (default ${PEER_NAMES.join(',')})
  --routes a,b                routes to run (default ${ROUTE_NAMES.join(',')})
  --json FILE                 also write every round and the summary as JSON
  --help                      show this text
`;

/** The defaults keep a full run (both modes, all servers and routes) near three minutes on 2 cores. */
export function parseOptions(argv: readonly string[]): Options | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      mode: { type: 'string', default: 'both' },
      rounds: { type: 'string', default: '5' },
      duration: { type: 'string', default: '2' },
      'inproc-rounds': { type: 'string', default: '30' },
      'inproc-ms': { type: 'string', default: '25' },
      forks: { type: 'string', default: '3' },
      connections: { type: 'string', default: '10' },
      servers: { type: 'string', default: PEER_NAMES.join(',') },
      routes: { type: 'string', default: ROUTE_NAMES.join(',') },
      json: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const mode = values.mode;
  if (mode !== 'inproc' && mode !== 'socket' && mode !== 'both') {
    throw new Error(`--mode must be inproc, socket or both, not ${mode}`);
  }
  return {
    modes: mode === 'both' ? ['inproc', 'socket'] : [mode],
    rounds: whole('rounds', values.rounds),
    duration: positive('duration', values.duration),
    inprocRounds: whole('inproc-rounds', values['inproc-rounds']),
    inprocMs: positive('inproc-ms', values['inproc-ms']),
    forks: whole('forks', values.forks),
    connections: whole('connections', values.connections),
    servers: list('servers', values.servers, PEER_NAMES),
    routes: list('routes', values.routes, ROUTE_NAMES),
    json: values.json,
  };
}

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${name} must be a positive number, not ${text}`);
  return value;
}

/** A `--name N` value that must be a whole number above zero. */
export function whole(name: string, text: string): number {
  const value = positive(name, text);
  if (!Number.isInteger(value)) throw new Error(`--${name} must be a whole number, not ${text}`);
  return value;
}

/** A `--name a,b` value whose every item must be one of `known`. */
export function list<T extends string>(name: string, text: string, known: readonly T[]): T[] {
  const wanted = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const unknown = wanted.filter((item) => !(known as readonly string[]).includes(item));
  if (unknown.length > 0)
    throw new Error(`--${name}: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`);
  if (wanted.length === 0) throw new Error(`--${name} needs at least one name`);
  return wanted as T[];
}
