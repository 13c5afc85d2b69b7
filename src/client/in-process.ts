/**
 * What in-process mode needs from the app: a Container's `inject` (structurally, so this module
 * imports nothing from the server and the client stays free of Node-only code).
 */
export interface InProcessTarget {
  inject(request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string | Uint8Array;
  }): Promise<{
    readonly status: number;
    readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
    readonly rawBody: Uint8Array;
  }>;
}

export function isInProcessTarget(value: unknown): value is InProcessTarget {
  return (
    typeof value === 'object' && value !== null && typeof (value as InProcessTarget).inject === 'function'
  );
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** The body as bytes, with the Content-Type a FormData or URLSearchParams chooses for itself. */
async function bodyBytes(
  body: RequestInit['body'],
  headers: Headers,
): Promise<string | Uint8Array | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  const encoded = new Response(body);
  const type = encoded.headers.get('content-type');
  if (type !== null && !headers.has('content-type')) headers.set('content-type', type);
  return new Uint8Array(await encoded.arrayBuffer());
}

/**
 * A fetch that answers through the container without a socket: the same pipeline, filters and
 * binder as over HTTP, so tests make the same typed calls as production code.
 */
export function inProcessFetch(target: InProcessTarget): typeof fetch {
  return async (input, init = {}) => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw abortError(signal);
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const headers = new Headers(init.headers);
    const body = await bodyBytes(init.body, headers);
    const flat: Record<string, string> = {};
    headers.forEach((value, name) => {
      flat[name] = value;
    });
    const method = (init.method ?? 'GET').toUpperCase();
    const sent = target.inject({
      method,
      url: url.pathname + url.search,
      headers: flat,
      ...(body === undefined ? {} : { body }),
    });
    const answered =
      signal === undefined
        ? await sent
        : await new Promise<Awaited<typeof sent>>((resolve, reject) => {
            const onAbort = () => reject(abortError(signal));
            signal.addEventListener('abort', onAbort, { once: true });
            sent.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
          });
    const out = new Headers();
    for (const [name, value] of Object.entries(answered.headers)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const one of value) out.append(name, one);
      else out.set(name, String(value));
    }
    const empty =
      method === 'HEAD' || answered.status === 204 || answered.status === 205 || answered.status === 304;
    // A copy, so the body is backed by a plain ArrayBuffer as BodyInit asks.
    const payload = empty ? null : new Uint8Array(answered.rawBody);
    return new Response(payload, { status: answered.status, headers: out });
  };
}
