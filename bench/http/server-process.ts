import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkPeer } from './check.js';
import { FakeConnection, type PreparedRequest, prepare } from './fake-connection.js';
import { inProcessSend, runBatch } from './inproc-batch.js';
import type { PeerApp } from './peer.js';
import type { CallMessage, HelloMessage, OperationName, Operations, ReplyMessage } from './protocol.js';
import { loadPeer } from './servers/index.js';
import { expectedStatus, ROUTE_NAMES, ROUTE_REQUESTS, type RouteName } from './spec.js';

/**
 * Entry point of one forked server process (argv[2] names the peer). It does nothing but answer
 * the harness over IPC, so between rounds it is idle and its CPU time is the peer's own.
 */

type Handlers = { [K in OperationName]: (args: Operations[K]['args']) => Promise<Operations[K]['result']> };

function handlers(app: PeerApp): Handlers {
  const prepared = new Map<RouteName, PreparedRequest>(
    ROUTE_NAMES.map((r) => [r, prepare(ROUTE_REQUESTS[r])]),
  );
  // Connections are kept across rounds, as a client's keep-alive connections would be.
  const connections: FakeConnection[] = [];
  let server: Server | undefined;
  return {
    check: () => checkPeer(inProcessSend(app.listener)),
    async listen() {
      const listening = createServer(app.listener);
      server = listening;
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(0, '127.0.0.1', resolve);
      });
      return { port: (listening.address() as AddressInfo).port };
    },
    async batch({ route, count, connections: wanted }) {
      while (connections.length < wanted) connections.push(new FakeConnection(app.listener));
      return runBatch(connections.slice(0, wanted), prepared.get(route)!, count, expectedStatus(route));
    },
    async cpu() {
      return process.cpuUsage();
    },
    async stop() {
      const open = server;
      if (open !== undefined) {
        open.closeAllConnections();
        await new Promise<void>((resolve) => open.close(() => resolve()));
      }
      await app.close();
      return null;
    },
  };
}

function send(message: HelloMessage | ReplyMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const loaded = await loadPeer(name);
  let app: PeerApp;
  try {
    if (!loaded.ok) throw new Error(loaded.reason);
    app = await loaded.peer.create();
  } catch (error) {
    send({ hello: 'unavailable', reason: error instanceof Error ? error.message : String(error) });
    process.disconnect?.();
    return;
  }
  const table = handlers(app);
  process.on('message', (message: CallMessage) => {
    // The table is indexed by the message's own op, so its args have the matching type.
    const handler = table[message.op] as (args: unknown) => Promise<unknown>;
    handler(message.args).then(
      (result) => {
        send({ id: message.id, ok: true, result });
        if (message.op === 'stop') process.disconnect?.();
      },
      (error: unknown) =>
        send({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  send({ hello: 'ready' });
}

await main();
