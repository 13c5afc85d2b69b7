/**
 * Go's `url.QueryEscape`: daprd escapes AMQP header names with it before sending them as HTTP
 * metadata. Letters, digits and `-_.~` stay; a space becomes `+`; every other byte `%XX`.
 */
export function queryEscape(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
