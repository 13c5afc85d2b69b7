import autocannon from 'autocannon';
import { ROUTE_REQUESTS, type RouteName } from './spec.js';

export interface LoadResult {
  /** Responses with a 2xx status, the only ones that count as served. */
  readonly completed: number;
  readonly seconds: number;
  /** Non-2xx answers, connection errors and timeouts; any at all makes the round suspect. */
  readonly failures: number;
}

/**
 * One autocannon run against a server process. autocannon runs in the harness process, so the
 * load generator never shares a process (or a JIT) with the server it loads.
 */
export async function runLoad(
  port: number,
  route: RouteName,
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  const spec = ROUTE_REQUESTS[route];
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${spec.url}`,
    method: spec.method,
    headers: { ...spec.headers },
    ...(spec.body === undefined ? {} : { body: spec.body }),
    connections,
    duration: seconds,
  });
  return {
    completed: result['2xx'],
    seconds: result.duration,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
