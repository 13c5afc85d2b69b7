/**
 * How the http binding follows redirects: the rules of Go's `http.Client`, which daprd's http
 * binding uses with its default redirect policy, so an endpoint that moved answers the same way
 * through Bindery as through daprd.
 */

/** Redirects followed before the call fails, as Go's default policy allows. */
export const MAX_REDIRECTS = 10;

/** Headers that only go to the host they were meant for (or its subdomains). */
const SENSITIVE = ['authorization', 'www-authenticate', 'cookie', 'cookie2'];

/** The next request of a redirect chain. */
export interface RedirectStep {
  readonly method: string;
  readonly url: URL;
  /** Whether the body goes again (307/308) or is dropped (301/302/303). */
  readonly keepBody: boolean;
}

/**
 * The request a response redirects to, or undefined when it is the answer: not a redirect
 * status, or one without a Location (Go hands such a response back as it is).
 */
export function redirectStep(
  status: number,
  location: string | undefined,
  method: string,
  current: URL,
): RedirectStep | undefined {
  if (location === undefined || location === '') return undefined;
  switch (status) {
    case 301:
    case 302:
    case 303:
      // A 303 (and, in practice, a 301/302) after anything but GET or HEAD turns into a GET without body.
      return {
        method: method === 'GET' || method === 'HEAD' ? method : 'GET',
        url: new URL(location, current),
        keepBody: false,
      };
    case 307:
    case 308:
      return { method, url: new URL(location, current), keepBody: true };
    default:
      return undefined;
  }
}

/**
 * The headers of the next request: all of the first request's, less the body's own when the
 * body is dropped, and less credentials and cookies when the chain has left the first host
 * (a subdomain of it still gets them).
 */
export function redirectHeaders(first: Headers, initial: URL, next: RedirectStep): Headers {
  const headers = new Headers(first);
  if (!next.keepBody) {
    headers.delete('content-type');
    headers.delete('content-length');
  }
  const from = initial.hostname.toLowerCase();
  const to = next.url.hostname.toLowerCase();
  if (to !== from && !to.endsWith(`.${from}`)) for (const name of SENSITIVE) headers.delete(name);
  return headers;
}
