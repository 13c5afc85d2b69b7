import { type HttpError, httpError } from '../http-error.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * Where JSON text first nests deeper than `limit` arrays and objects, or -1. Bodies are checked
 * before they are parsed: `JSON.parse` copes with any depth, but everything after it (validators,
 * serializers, the Dapr API's re-encoding) walks values recursively, and a few thousand levels
 * overflow the stack. A text shorter than the limit cannot exceed it, which spares small bodies
 * the scan. The scan does not validate: malformed text is left for the parser to report.
 */
export function jsonDepthExceeded(text: string, limit: number): number {
  if (text.length <= limit) return -1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return i;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return -1;
}

/** The 400 for a body nested past the limit, naming the limit and where it was crossed. */
export function jsonTooDeep(limit: number, position: number): HttpError {
  return httpError(
    'BND_ERR_BODY_TOO_DEEP',
    `The JSON body nests arrays and objects deeper than the limit of ${limit} levels (at position ${position})`,
    { extensions: { position, limit } },
  );
}
