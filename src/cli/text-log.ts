import type { Writable } from 'node:stream';

const LEVELS: Readonly<Record<number, string>> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warning',
  50: 'error',
  60: 'fatal',
};
const OMIT = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'v']);

/**
 * A pino destination that writes daprd's default log format (logrus text: `time="…"
 * level=info msg="…" key=value`) instead of JSON; `--log-as-json` keeps pino's JSON lines.
 */
export function textLogDestination(out: Pick<Writable, 'write'>): { write(line: string): void } {
  return {
    write(line: string) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString() : String(entry.time);
      const parts = [
        `time=${quote(time)}`,
        `level=${LEVELS[Number(entry.level)] ?? String(entry.level)}`,
        `msg=${quote(String(entry.msg ?? ''))}`,
      ];
      for (const [key, value] of Object.entries(entry)) {
        if (OMIT.has(key) || value === undefined) continue;
        parts.push(`${key}=${quote(typeof value === 'string' ? value : JSON.stringify(value))}`);
      }
      out.write(`${parts.join(' ')}\n`);
    },
  };
}

/** logrus quotes a value unless it is made only of characters that need no quoting. */
function quote(value: string): string {
  return /^[A-Za-z0-9\-._/@^+]+$/.test(value) ? value : JSON.stringify(value);
}
