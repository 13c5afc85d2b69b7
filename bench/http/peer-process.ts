import { type ChildProcess, fork as forkProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CallMessage, HelloMessage, OperationName, Operations, ReplyMessage } from './protocol.js';

const ENTRY = fileURLToPath(new URL('./server-process.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STOP_GRACE_MS = 5000;
/** Far above any round's length; only a peer that stopped answering hits it. */
const CALL_TIMEOUT_MS = 120_000;

export type Started = { ok: true; process: PeerProcess } | { ok: false; reason: string };

/** The harness's handle on one forked server process. */
export class PeerProcess {
  readonly name: string;
  /** Which of the server's processes this is; several give the JIT's luck a vote each. */
  readonly fork: number;
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  #nextId = 1;
  #exited = false;

  private constructor(name: string, fork: number, child: ChildProcess) {
    this.name = name;
    this.fork = fork;
    this.#child = child;
    child.on('message', (message: ReplyMessage) => {
      const pending = this.#pending.get(message.id);
      if (pending === undefined) return;
      this.#pending.delete(message.id);
      if (message.ok) pending.resolve(message.result);
      else pending.reject(new Error(`${name}: ${message.error}`));
    });
    child.on('exit', (code, signal) => {
      this.#exited = true;
      const error = new Error(`${name}: server process exited (${signal ?? code})`);
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    });
  }

  /** Forks the server process for `name` and waits until its peer is built (or failed to be). */
  static start(name: string, fork: number): Promise<Started> {
    const child = forkProcess(ENTRY, [name], {
      cwd: REPO_ROOT,
      // tsx loads the TypeScript sources; the peers run exactly the code the tests run.
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve) => {
      const onExit = (code: number | null) =>
        resolve({ ok: false, reason: `server process exited (${code})` });
      child.once('exit', onExit);
      child.once('message', (message: HelloMessage) => {
        child.off('exit', onExit);
        if (message.hello === 'ready') resolve({ ok: true, process: new PeerProcess(name, fork, child) });
        else {
          child.kill();
          resolve({ ok: false, reason: message.reason });
        }
      });
    });
  }

  call<K extends OperationName>(op: K, args: Operations[K]['args']): Promise<Operations[K]['result']> {
    if (this.#exited) return Promise.reject(new Error(`${this.name}: server process has exited`));
    const id = this.#nextId++;
    const message: CallMessage<K> = { id, op, args };
    return new Promise((resolve, reject) => {
      // A peer that never finishes a response would otherwise hang the whole run silently.
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${this.name}: no answer to ${op} within ${CALL_TIMEOUT_MS / 1000} s`));
      }, CALL_TIMEOUT_MS);
      this.#pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as Operations[K]['result']);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.#child.send(message);
    });
  }

  /** Asks the process to close its server and exit; kills it if it has not within a grace period. */
  async stop(): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.call('stop', {}).catch(() => this.#child.kill('SIGKILL'));
    await exited;
    clearTimeout(timer);
  }
}
