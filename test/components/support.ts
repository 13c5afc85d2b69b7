import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { type Logger, pino } from 'pino';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A pino logger whose lines land in `lines` (parsed), for asserting on what was reported. */
export function captureLogger(): { logger: Logger; lines: LogLine[]; text: () => string } {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) },
  );
  return { logger, lines, text: () => lines.map((l) => l.msg).join('\n') };
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** A fresh temporary folder, removed when the test file ends. */
export async function tempDir(prefix = 'bindery-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A name no other run (or parallel test file) uses. */
export function uniqueKey(prefix = 'bindery'): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
