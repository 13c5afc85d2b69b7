/** The bare media type of a Content-Type value: lower-cased, parameters dropped. */
export function mediaTypeOf(contentType: string | undefined): string {
  if (contentType === undefined || contentType === '') return '';
  // A request's type is asked for by route selection, then by the reader lookup (with the
  // answer), and clients send the same value request after request: the last one is kept.
  if (contentType === last.text) return last.type;
  const semi = contentType.indexOf(';');
  const type = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  last = { text: contentType, type };
  return type;
}

let last = { text: '', type: '' };

/**
 * Whether a concrete media type is covered by a pattern: exact, `type/*`, `*\/*`, or a
 * structured-syntax suffix (`application/*+json` covers `application/merge-patch+json`).
 */
export function mediaTypeMatches(pattern: string, type: string): boolean {
  if (pattern === type || pattern === '*/*') return true;
  const slash = pattern.indexOf('/');
  const sub = pattern.slice(slash + 1);
  const main = pattern.slice(0, slash);
  if (!type.startsWith(main + '/') && main !== '*') return false;
  if (sub === '*') return true;
  if (sub.startsWith('*+')) return type.endsWith(sub.slice(1));
  return false;
}

/** Finds the consumes entry that covers a request media type. */
export function consumesMatch(consumes: readonly string[], type: string): boolean {
  for (const pattern of consumes) if (mediaTypeMatches(pattern, type)) return true;
  return false;
}
