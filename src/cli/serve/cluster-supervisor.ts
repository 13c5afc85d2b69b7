import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { packageRoot } from '../../http/package-root.js';
import { StartupError, withCode } from '../../http/startup-error.js';
import { RestartBackoff } from './restart-backoff.js';
import { isWorkerMessage, type PrimaryMessage, type WorkerMessage, workerEnv } from './worker-messages.js';

export interface ServeOptions {
  /** The app module: its default export is a Container or a function returning one. */
  readonly module: string;
  /** Worker processes: a count, or `auto` for one per available core (default `auto`). */
  readonly workers?: number | 'auto';
  readonly port?: number;
  /** Interface to listen on (default 127.0.0.1, as `container.listen()`). */
  readonly host?: string;
  readonly logger: Logger;
  /** How long a worker may take to start listening, in ms (default 30 s). */
  readonly startTimeout?: number;
  /** How long a worker asked to stop may take before it is killed, in ms (default 30 s). */
  readonly stopTimeout?: number;
  readonly backoff?: RestartBackoff;
}

/** What the supervisor tells its owner (tests and logs read these). */
export type SupervisorEvent =
  | { readonly kind: 'ready'; readonly index: number; readonly pid: number }
  | {
      readonly kind: 'exit';
      readonly index: number;
      readonly pid: number;
      readonly code: number | null;
      readonly signal: string | null;
    }
  | { readonly kind: 'restart'; readonly index: number; readonly delayMs: number };

interface Slot {
  worker: Worker;
  started: number;
}

/**
 * The worker's module. From the sources it sits beside this file; the build bundles this code
 * into a shared chunk and emits the worker as its own entry, at a fixed path in the package.
 */
function workerEntry(): string {
  if (import.meta.url.endsWith('.ts')) return fileURLToPath(new URL('./serve-worker.ts', import.meta.url));
  const root = packageRoot();
  // Invariant: a built package always has its package.json beside dist/.
  if (root === undefined) throw new Error('bindery serve cannot find its own package.json');
  return join(root.dir, 'dist', 'cli', 'serve', 'serve-worker.js');
}

/**
 * The primary process of `bindery serve`: keeps N workers serving one app on one port, replaces
 * a worker that dies (with back-off when it dies young), replaces them one at a time on
 * `reload()`, and drains them all on `close()`.
 */
export class ClusterSupervisor {
  readonly count: number;
  address: { address: string; port: number } | undefined;
  private readonly slots: (Slot | undefined)[];
  private readonly retiring = new Set<Worker>();
  private readonly backoff: RestartBackoff;
  private readonly listeners: ((event: SupervisorEvent) => void)[] = [];
  private closing = false;
  private reloading: Promise<void> | undefined;

  constructor(private readonly options: ServeOptions) {
    const wanted = options.workers ?? 'auto';
    this.count = wanted === 'auto' ? availableParallelism() : wanted;
    if (!Number.isInteger(this.count) || this.count < 1)
      throw withCode(
        new RangeError(`workers must be a whole number from 1, or auto: got ${wanted}`),
        'BND_ERR_INVALID_OPTION',
      );
    this.slots = new Array(this.count).fill(undefined);
    this.backoff = options.backoff ?? new RestartBackoff();
  }

  on(listener: (event: SupervisorEvent) => void): this {
    this.listeners.push(listener);
    return this;
  }

  /** Starts every worker; rejects (and stops the others) when one cannot start. */
  async start(): Promise<void> {
    cluster.setupPrimary({ exec: workerEntry(), args: [] });
    cluster.on('exit', (worker, code, signal) => this.exited(worker, code, signal));
    try {
      await Promise.all(this.slots.map((_, index) => this.fork(index)));
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** Process ids of the workers serving now. */
  pids(): number[] {
    return this.slots.flatMap((slot) =>
      slot?.worker.process.pid === undefined ? [] : [slot.worker.process.pid],
    );
  }

  /**
   * Replaces the workers one at a time: each new worker listens before its predecessor is asked
   * to drain, so the port never stops accepting. A replacement that fails to start keeps the
   * old worker and rejects.
   */
  reload(): Promise<void> {
    this.reloading ??= this.rollOver().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  /** Asks every worker to drain and exit; kills any still running after `stopTimeout`. */
  async close(): Promise<void> {
    this.closing = true;
    const workers = [...this.slots.flatMap((s) => (s === undefined ? [] : [s.worker])), ...this.retiring];
    await Promise.all(workers.map((worker) => this.stop(worker)));
    cluster.removeAllListeners('exit');
  }

  private async rollOver(): Promise<void> {
    for (let index = 0; index < this.count; index++) {
      if (this.closing) return;
      const old = this.slots[index];
      if (old !== undefined) this.retiring.add(old.worker);
      try {
        await this.fork(index);
      } catch (error) {
        if (old !== undefined) {
          this.retiring.delete(old.worker);
          this.slots[index] = old;
        }
        throw error;
      }
      if (old !== undefined) {
        await this.stop(old.worker);
        this.retiring.delete(old.worker);
      }
    }
  }

  private fork(index: number): Promise<void> {
    const env = {
      [workerEnv.module]: this.options.module,
      // Port 0 stays 0: workers listening on 0 share the one port the primary picked for it.
      [workerEnv.port]: String(this.options.port ?? 3000),
      [workerEnv.host]: this.options.host ?? '127.0.0.1',
      [workerEnv.index]: String(index),
      [workerEnv.count]: String(this.count),
    };
    const worker = cluster.fork(env);
    return new Promise<void>((resolve, reject) => {
      const timeout = this.options.startTimeout ?? 30_000;
      const timer = setTimeout(() => {
        done();
        worker.kill('SIGKILL');
        reject(
          new StartupError(
            'BND_ERR_SERVE_WORKER',
            `worker ${index} did not start listening within ${timeout} ms`,
          ),
        );
      }, timeout);
      const onMessage = (message: unknown) => {
        if (!isWorkerMessage(message)) return;
        done();
        if (message.type === 'bindery:failed') {
          reject(
            new StartupError('BND_ERR_SERVE_WORKER', `worker ${index} failed to start: ${message.message}`),
          );
          return;
        }
        this.ready(index, worker, message);
        resolve();
      };
      const onExit = (code: number | null) => {
        done();
        reject(
          new StartupError(
            'BND_ERR_SERVE_WORKER',
            `worker ${index} exited with code ${code} before it was listening`,
          ),
        );
      };
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.once('exit', onExit);
    });
  }

  private ready(
    index: number,
    worker: Worker,
    message: Extract<WorkerMessage, { type: 'bindery:ready' }>,
  ): void {
    this.slots[index] = { worker, started: Date.now() };
    this.address ??= { address: message.address, port: message.port };
    this.emit({ kind: 'ready', index, pid: worker.process.pid ?? 0 });
  }

  private exited(worker: Worker, code: number | null, signal: string | null): void {
    const index = this.slots.findIndex((slot) => slot?.worker === worker);
    if (index === -1) return;
    const slot = this.slots[index]!;
    this.slots[index] = undefined;
    this.emit({ kind: 'exit', index, pid: worker.process.pid ?? 0, code, signal });
    if (this.closing || this.retiring.has(worker)) return;
    const delayMs = this.backoff.next(Date.now() - slot.started);
    this.options.logger.error(
      { worker: index, code, signal, restartInMs: delayMs },
      'worker died; replacing it',
    );
    this.emit({ kind: 'restart', index, delayMs });
    setTimeout(() => {
      if (this.closing || this.slots[index] !== undefined) return;
      this.fork(index).catch((error: unknown) => {
        this.options.logger.error({ err: error, worker: index }, 'replacement worker failed to start');
      });
    }, delayMs).unref();
  }

  private stop(worker: Worker): Promise<void> {
    if (worker.isDead()) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => worker.kill('SIGKILL'), this.options.stopTimeout ?? 30_000);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      const message: PrimaryMessage = { type: 'bindery:shutdown' };
      if (worker.isConnected()) worker.send(message);
      else worker.kill('SIGTERM');
    });
  }

  private emit(event: SupervisorEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
