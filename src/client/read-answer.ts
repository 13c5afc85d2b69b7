/** Whether a media type is JSON: `application/json`, or any `+json` type (problem+json too). */
function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/** The parsed answer as the typed client hands it over (its type is narrowed by AnswerOf). */
export interface RawAnswer {
  readonly status: number;
  readonly ok: boolean;
  readonly body: unknown;
  readonly headers: Headers;
}

/**
 * Reads a response's body by its media type: JSON and problem+json parsed, text as a string,
 * anything else as bytes; no body (204, 304, HEAD or an empty one) is `undefined`.
 */
export async function readAnswer(response: Response, method: string): Promise<RawAnswer> {
  const { status, headers } = response;
  const answer = (body: unknown): RawAnswer => ({ status, ok: response.ok, body, headers });
  if (method === 'HEAD' || status === 204 || status === 205 || status === 304 || response.body === null) {
    return answer(undefined);
  }
  const mediaType = (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (isJson(mediaType)) {
    const text = await response.text();
    return answer(text === '' ? undefined : JSON.parse(text));
  }
  if (mediaType.startsWith('text/')) return answer(await response.text());
  const bytes = new Uint8Array(await response.arrayBuffer());
  return answer(bytes.length === 0 ? undefined : bytes);
}
