/**
 * Converts between instants and wall-clock time in one zone. Wall time is kept as milliseconds
 * read with UTC getters, so calendar arithmetic needs no zone rules.
 */
export interface TimeZone {
  /** Go's Location.String(): `Local`, `UTC` or the IANA name. */
  readonly name: string;
  toWall(instantMs: number): number;
  /** The instant showing `wallMs`; a wall time skipped by a clock change moves forward by the gap. */
  fromWall(wallMs: number): number;
}

/** The process's zone when `name` is undefined or `Local`; otherwise an IANA zone or `UTC`. */
export function timeZone(name: string | undefined): TimeZone {
  if (name === undefined || name === 'Local') {
    return zoneWith('Local', (ms) => -new Date(ms).getTimezoneOffset() * 60_000);
  }
  if (name === 'UTC' || name === '') return zoneWith('UTC', () => 0);
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new Error(`provided bad location ${name}: unknown time zone ${name}`);
  }
  return zoneWith(name, (ms) => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(ms))) parts[part.type] = Number(part.value);
    const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second);
    return wall - Math.floor(ms / 1000) * 1000;
  });
}

function zoneWith(name: string, offsetAt: (instantMs: number) => number): TimeZone {
  return {
    name,
    toWall: (ms) => ms + offsetAt(ms),
    fromWall(wall) {
      const guess = wall - offsetAt(wall);
      return wall - offsetAt(guess);
    },
  };
}
