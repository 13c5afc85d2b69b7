import type { Send } from './check.js';
import { FakeConnection, type PreparedRequest, prepare } from './fake-connection.js';
import type { Listener } from './peer.js';
import { parseRawResponse } from './raw-response.js';

export interface BatchResult {
  readonly count: number;
  readonly wallNs: number;
  /** Process CPU (user + system) over the batch; includes GC helper threads. */
  readonly cpuUs: number;
  /** Answers whose status was not the expected one; any at all makes the batch suspect. */
  readonly unexpected: number;
}

/**
 * Times `count` requests spread over `connections.length` connections, each sending its next
 * request as soon as the previous one closed. Nothing else runs in the process meanwhile, so the
 * wall time is the listener's cost plus the fake connection's, which is the same for every peer.
 */
export async function runBatch(
  connections: readonly FakeConnection[],
  request: PreparedRequest,
  count: number,
  expectedStatus: number,
): Promise<BatchResult> {
  let unexpected = 0;
  const lane = async (n: number): Promise<void> => {
    const connection = connections[n]!;
    for (let i = n; i < count; i += connections.length) {
      if ((await connection.send(request)) !== expectedStatus) unexpected++;
    }
  };
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  await Promise.all(connections.map((_, n) => lane(n)));
  const wallNs = Number(process.hrtime.bigint() - start);
  const cpu = process.cpuUsage(cpuBefore);
  return { count, wallNs, cpuUs: cpu.user + cpu.system, unexpected };
}

/** The in-process transport as the correctness check sees it. */
export function inProcessSend(listener: Listener): Send {
  const connection = new FakeConnection(listener);
  return async (request) => parseRawResponse(await connection.exchange(prepare(request)));
}
