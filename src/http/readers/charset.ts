import { isUtf8 } from 'node:buffer';
import { httpError } from '../http-error.js';

/** Whether a charset parameter names UTF-8 (or is absent, which means UTF-8 for these readers). */
export function isUtf8Charset(charset: string | undefined): boolean {
  if (charset === undefined) return true;
  const name = charset.toLowerCase();
  return name === 'utf-8' || name === 'utf8';
}

/** 415 for a charset the reader cannot decode; the detail says what it accepts. */
export function unsupportedCharset(mediaType: string, charset: string, accepted = 'utf-8'): Error {
  return httpError(
    'BND_ERR_UNSUPPORTED_MEDIA_TYPE',
    `charset ${charset} is not supported for ${mediaType}; send ${accepted}`,
  );
}

/** The bytes as UTF-8 text, a leading byte order mark dropped; 400 when they are not UTF-8. */
export function utf8Text(bytes: Buffer, mediaType: string): string {
  if (!isUtf8(bytes)) throw httpError('BND_ERR_MALFORMED_BODY', `The ${mediaType} body is not valid UTF-8`);
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
