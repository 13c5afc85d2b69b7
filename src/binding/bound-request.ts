import { parseUrlEncoded } from '../http/readers/index.js';
import type { BindSource } from './bind-source.js';

/**
 * The handler's first argument at run time. Declared sources are bound before it is built;
 * an undeclared query or cookie source is read from the request the first time the handler
 * touches it, so a route pays only for what it declares or uses. `query` and `cookies` are
 * accessors: spread (`{...input}`) copies `path`, `headers` and `body` only.
 */
export class BoundRequest {
  // Declared, then set in the constructor: one per request, so no per-field definitions.
  declare readonly path: unknown;
  declare readonly headers: unknown;
  declare readonly body: unknown;
  #query: unknown;
  #cookies: unknown;
  readonly #source: BindSource;

  constructor(
    source: BindSource,
    path: unknown,
    query: unknown,
    headers: unknown,
    cookies: unknown,
    body: unknown,
  ) {
    this.#source = source;
    this.path = path;
    this.#query = query;
    this.headers = headers;
    this.#cookies = cookies;
    this.body = body;
  }

  get query(): unknown {
    this.#query ??= parseUrlEncoded(this.#source.rawQuery);
    return this.#query;
  }

  get cookies(): unknown {
    this.#cookies ??= this.#source.cookies;
    return this.#cookies;
  }
}
