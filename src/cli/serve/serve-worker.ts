import cluster from 'node:cluster';
import { StartupError } from '../../http/startup-error.js';
import { loadAppContainer } from '../app-module.js';
import { type PrimaryMessage, type WorkerMessage, workerEnv } from './worker-messages.js';

// A worker of `bindery serve`: loads the app module, listens on the shared port, and closes
// gracefully when the primary asks, when signalled, or when the primary goes away.

function tell(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

/**
 * Exits once the primary can no longer hand this worker a connection. The primary may have sent
 * one just before it learnt the server closed; a worker that exits with it still in the pipe
 * takes the connection with it and its client waits forever. `disconnect()` asks the primary
 * for an acknowledgement, which arrives after every such hand-off, each of which this worker
 * hands back before it goes.
 */
function leave(code: number): void {
  const worker = cluster.worker;
  if (worker === undefined || !worker.isConnected()) process.exit(code);
  worker.once('disconnect', () => process.exit(code));
  worker.disconnect();
  // The primary gone mid-handshake must not keep the process.
  setTimeout(() => process.exit(code), 5_000).unref();
}

const specifier = process.env[workerEnv.module];
if (specifier === undefined)
  throw new StartupError(
    'BND_ERR_SERVE_WORKER',
    `${workerEnv.module} is not set: start workers with bindery serve`,
  );

try {
  const container = await loadAppContainer(specifier);
  const address = await container.listen({
    port: Number(process.env[workerEnv.port] ?? 3000),
    host: process.env[workerEnv.host] ?? '127.0.0.1',
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    container.close().then(
      () => leave(0),
      (error: unknown) => {
        container.logger.error({ err: error }, 'worker shutdown failed');
        leave(1);
      },
    );
  };
  process.on('message', (message: PrimaryMessage) => {
    if (message?.type === 'bindery:shutdown') stop();
  });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
  await tell({ type: 'bindery:ready', address: address.address, port: address.port });
} catch (error) {
  await tell({ type: 'bindery:failed', message: error instanceof Error ? error.message : String(error) });
  // The app may have opened connections before it failed; they must not keep a dead worker.
  process.exit(1);
}
