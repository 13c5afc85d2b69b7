import { httpError } from '../http-error.js';
import { addFormValue, emptyFormRecord } from './form-record.js';

/**
 * Parses `application/x-www-form-urlencoded` text (also a URL's query): pairs split on `&`, `+`
 * read as a space, percent-escapes decoded. A malformed escape is kept as written rather than
 * failing the request: the value then fails validation where it matters, with its name.
 * Over `maxPairs` pairs it answers 413. Names are the client's: read entries with `ownValue`.
 */
export function parseUrlEncoded(
  text: string,
  maxPairs = Number.POSITIVE_INFINITY,
): Record<string, string | string[]> {
  const record = emptyFormRecord<string>();
  if (text === '') return record;
  let pairs = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('&', start);
    if (end === -1) end = text.length;
    if (end > start) {
      if (++pairs > maxPairs) {
        throw httpError('BND_ERR_PAYLOAD_TOO_LARGE', `The form has more than ${maxPairs} fields`);
      }
      const eq = text.indexOf('=', start);
      if (eq === -1 || eq > end) addFormValue(record, decodeFormComponent(text.slice(start, end)), '');
      else
        addFormValue(
          record,
          decodeFormComponent(text.slice(start, eq)),
          decodeFormComponent(text.slice(eq + 1, end)),
        );
    }
    start = end + 1;
  }
  return record;
}

/** One name or value of a form: `+` as a space, then percent-escapes (a malformed one kept as is). */
export function decodeFormComponent(part: string): string {
  const spaced = part.includes('+') ? part.replaceAll('+', ' ') : part;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
