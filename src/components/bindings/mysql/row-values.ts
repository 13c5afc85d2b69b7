import type { TypeCastField as Field, TypeCastNext as Next } from 'mysql2';

/**
 * How a column value becomes JSON, close to what Dapr's driver yields: dates and times of
 * DATETIME/TIMESTAMP/DATE as RFC 3339 in UTC (the driver parses times, UTC by default), binary
 * data as base64 (Go's `[]byte`), text as strings. Where Dapr's output is not useful, Bindery
 * differs (docs/bindings.md): DECIMAL is a number (Dapr gives base64 of its text), JSON
 * columns are their value, TIME is its text, and integers beyond 2^53 are strings.
 */
export function castValue(field: Field, next: Next): unknown {
  switch (field.type) {
    case 'DATETIME':
    case 'DATETIME2':
    case 'TIMESTAMP':
    case 'TIMESTAMP2':
    case 'DATE':
    case 'NEWDATE': {
      const text = field.string();
      return text === null ? null : rfc3339(text);
    }
    case 'DECIMAL':
    case 'NEWDECIMAL': {
      const text = field.string();
      return text === null ? null : Number(text);
    }
    case 'LONGLONG': {
      const text = field.string();
      if (text === null) return null;
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : text;
    }
    case 'JSON': {
      const text = field.string('utf8');
      return text === null ? null : (JSON.parse(text) as unknown);
    }
    case 'BIT': {
      const bytes = field.buffer();
      return bytes === null ? null : bytes.toString('base64');
    }
    default: {
      const value = next();
      return Buffer.isBuffer(value) ? value.toString('base64') : value;
    }
  }
}

/** `2024-05-01 10:20:30.120000` → `2024-05-01T10:20:30.12Z`; a zero date stays as the server wrote it. */
function rfc3339(text: string): string {
  const match = /^(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d:\d\d)(?:\.(\d+))?)?$/.exec(text);
  if (match === null || match[1] === '0000-00-00') return text;
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  return `${match[1]}T${match[2] ?? '00:00:00'}${fraction === '' ? '' : `.${fraction}`}Z`;
}
