import type { ServerResponse } from 'node:http';
import { type HttpError, httpError } from './http-error.js';

/** A character a Location cannot carry as it is: controls, space, DEL and anything past ASCII. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point: headers cannot carry them.
const UNSAFE_IN_LOCATION = /[\u0000-\u0020\u007f-\u{10ffff}]/gu;

/**
 * A URL fit for a Location header. Values given to `redirect()` and `created()` often hold
 * request data; a CR or LF in one would otherwise end the header (Node refuses it, which was a
 * 500), so what a Location cannot carry is percent-encoded as UTF-8, as browsers do themselves.
 */
export function locationValue(url: string): string {
  UNSAFE_IN_LOCATION.lastIndex = 0;
  if (!UNSAFE_IN_LOCATION.test(url)) return url;
  return url.replace(UNSAFE_IN_LOCATION, (c) => {
    const code = c.codePointAt(0)!;
    // A lone surrogate has no UTF-8 form: it stands for U+FFFD, as a decoder would read it.
    return code >= 0xd800 && code <= 0xdfff ? '%EF%BF%BD' : encodeURIComponent(c);
  });
}

/** Node's codes for a header name or value it will not write. */
const REFUSED = new Set(['ERR_INVALID_CHAR', 'ERR_INVALID_HTTP_TOKEN']);

/**
 * Sets a header, turning Node's refusal of a name or value (a CR, LF or NUL, usually copied from
 * the request) into a 400 that names the header, instead of an unexplained 500.
 */
export function setHeaderChecked(
  res: ServerResponse,
  name: string,
  value: string | number | readonly string[],
): void {
  try {
    res.setHeader(name, value);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined || !REFUSED.has(code)) throw error;
    throw headerRefused(name, code === 'ERR_INVALID_HTTP_TOKEN');
  }
}

function headerRefused(name: string, badName: boolean): HttpError {
  const shown = JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name);
  return httpError(
    'BND_ERR_INVALID_HEADER',
    badName
      ? `The answer cannot carry a header named ${shown}: it is not a valid header name`
      : `The answer's ${shown} header cannot carry the value given: it holds a character HTTP headers do not allow (such as CR, LF or NUL)`,
    { extensions: { header: name } },
  );
}
