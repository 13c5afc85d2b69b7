import type { Logger } from 'pino';
import { StartupError } from '../http/startup-error.js';

/** Where the CLI writes and listens; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** A logger to use instead of a fresh pino one. */
  readonly logger?: Logger;
  /** Where SIGINT/SIGTERM arrive (the process unless a test emits them itself). */
  readonly signals?: SignalSource;
}

export interface SignalSource {
  on(event: 'SIGINT' | 'SIGTERM' | 'SIGHUP', listener: () => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM' | 'SIGHUP', listener: () => void): unknown;
}

/** A mistake in the command line: the CLI prints it with the usage and exits 2. */
export class CliUsageError extends StartupError {
  constructor(message: string) {
    super('BND_ERR_CLI_USAGE', message);
    this.name = 'CliUsageError';
  }
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};
