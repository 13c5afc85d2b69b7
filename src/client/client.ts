import type { AnswerOf } from './answers.js';
import type { CallArgs, CallOptions } from './call-input.js';
import { cookieHeader, encodeBody, fillPath, queryString, setHeaders } from './encode.js';
import type { HeadersLike } from './headers-like.js';
import { type InProcessTarget, inProcessFetch, isInProcessTarget } from './in-process.js';
import { readAnswer } from './read-answer.js';
import type { ApiRoutes, MethodTable, Preferred } from './route-table.js';

/** Headers sent on every call: fixed, or computed per call (a fresh token, say). */
export type ClientHeaders = HeadersLike | (() => HeadersLike | Promise<HeadersLike>);

export interface ClientOptions {
  /** The fetch to call (default: the global one); in-process mode brings its own. */
  fetch?: typeof fetch;
  /** Headers for every call; a call's own headers win. */
  headers?: ClientHeaders;
  /** Whether a browser sends its cookies (`include` for another origin). */
  credentials?: RequestInit['credentials'];
}

/** One method's routes as the client reads them: the MethodTable and its plain paths. */
export interface MethodLookup<Table> {
  readonly table: Table;
  readonly paths: keyof Table & string;
}

/**
 * The lookups of methods `M`, keyed by HTTP method, as a client carries them. The table is left
 * `unknown` here: a constraint on it (an index signature, say) would be checked against every
 * route of the table on every call. A method asks only for its own lookup: checked against all
 * of them, the first call would build the tables of methods the app never calls.
 */
export type MethodLookups<M extends string = string> = {
  readonly [K in M]: { readonly table: unknown; readonly paths: string };
};

/** The route at plain path `P` of a table: read as one property, not through `keyof`. */
type RouteOf<Table, P extends string> = Table extends { readonly [K in P]: infer R } ? R : never;

/**
 * One HTTP method of the client: a plain path of a route, then that route's exact inputs.
 * `Table` is the method's MethodTable. The lookups (`L`) are inferred from the client the method
 * is called on, which carries them in `~tables`: a type parameter takes its inferred type as it
 * is, whereas a table written into the signature is instantiated again for every call, which
 * walks all its routes. A method called without its client (`const { get } = api`) reads the
 * same table from the default. `R`, the called route, is never given by the caller: as a
 * parameter of its own it is looked up once per call, not once for the inputs and once for the
 * answer.
 */
export type ClientMethod<Table, M extends string> = <
  P extends L[M]['paths'],
  L extends MethodLookups<M> = { readonly [K in M]: MethodLookup<Table> },
  R = Preferred<RouteOf<L[M]['table'], P>, M>,
>(
  this: ClientReceiver<L>,
  path: P,
  ...args: CallArgs<NoInfer<R>>
) => Promise<AnswerOf<R>>;

/**
 * What a method may be called on: its client (whose `~tables` it reads), any other object, or
 * nothing. `object` keeps a method that was copied onto another object callable. The receiver
 * only feeds inference: once `L` is known (always an object) the type is `void`, which the
 * compiler does not check the receiver against. Checking it read the variable holding the
 * client once more, and each read of a variable walks the control flow back to the start of its
 * function: in a function of many calls, one walk per call as long as the calls before it.
 */
type ClientReceiver<L> = L extends object
  ? // biome-ignore lint/suspicious/noConfusingVoidType: a `this` of type void is one the compiler does not check
    void
  : // biome-ignore lint/suspicious/noConfusingVoidType: a function called on its own has a `this` of type void, which undefined does not accept
    { readonly '~tables'?: L } | object | void;

type Method<Routes, M extends string> = ClientMethod<MethodTable<Routes, M>, M>;

interface Methods<Routes> {
  /** Never defined: the route tables the methods read (see ClientMethod). */
  readonly '~tables'?: {
    readonly GET: MethodLookup<MethodTable<Routes, 'GET'>>;
    readonly POST: MethodLookup<MethodTable<Routes, 'POST'>>;
    readonly PUT: MethodLookup<MethodTable<Routes, 'PUT'>>;
    readonly PATCH: MethodLookup<MethodTable<Routes, 'PATCH'>>;
    readonly DELETE: MethodLookup<MethodTable<Routes, 'DELETE'>>;
    readonly HEAD: MethodLookup<MethodTable<Routes, 'HEAD'>>;
    readonly OPTIONS: MethodLookup<MethodTable<Routes, 'OPTIONS'>>;
  };
  get: Method<Routes, 'GET'>;
  post: Method<Routes, 'POST'>;
  put: Method<Routes, 'PUT'>;
  patch: Method<Routes, 'PATCH'>;
  delete: Method<Routes, 'DELETE'>;
  head: Method<Routes, 'HEAD'>;
  options: Method<Routes, 'OPTIONS'>;
}

/**
 * A typed client of an API: one function per HTTP method taking a route's plain path
 * (`/shops/{shopId}/orders`), its inputs, and answering a union discriminated by status.
 */
export type Client<Api> = Methods<ApiRoutes<Api>>;

interface Input {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  cookies?: Record<string, unknown>;
  body?: unknown;
}

/** The address every path is appended to: its own path kept as a prefix, without a trailing slash. */
function baseOf(target: string | URL): string {
  const url = new URL(String(target));
  url.search = '';
  url.hash = '';
  return url.href.replace(/\/+$/, '');
}

async function clientHeaders(option: ClientHeaders | undefined): Promise<HeadersLike | undefined> {
  return typeof option === 'function' ? option() : option;
}

/**
 * A typed client of the app whose type is `Api` (a Container or WebService type, exported by
 * the server with `export type`): over HTTP from a base URL, which may carry a path prefix, or
 * in-process when given the container itself.
 */
export function client<Api extends InProcessTarget>(container: Api, options?: ClientOptions): Client<Api>;
export function client<Api>(baseUrl: string | URL, options?: ClientOptions): Client<Api>;
export function client<Api>(
  target: string | URL | InProcessTarget,
  options: ClientOptions = {},
): Client<Api> {
  const inProcess = isInProcessTarget(target);
  const send = inProcess ? inProcessFetch(target) : (options.fetch ?? globalThis.fetch.bind(globalThis));
  const base = inProcess ? 'http://in-process' : baseOf(target);

  const call =
    (method: string) =>
    async (path: string, input: Input = {}, callOptions: CallOptions = {}): Promise<unknown> => {
      const headers = new Headers(await clientHeaders(options.headers));
      setHeaders(headers, input.headers);
      const cookie = cookieHeader(input.cookies);
      if (cookie !== undefined) headers.set('cookie', cookie);
      const init: RequestInit = { method, headers };
      if (input.body !== undefined) init.body = encodeBody(input.body, callOptions.bodyAs, headers);
      new Headers(callOptions.headers).forEach((value, name) => {
        headers.set(name, value);
      });
      if (!headers.has('accept'))
        headers.set('accept', 'application/json, application/problem+json;q=0.9, */*;q=0.8');
      if (callOptions.signal !== undefined) init.signal = callOptions.signal;
      if (options.credentials !== undefined) init.credentials = options.credentials;
      const url = base + fillPath(path, input.path) + queryString(input.query);
      return readAnswer(await send(url, init), method);
    };

  const methods: Record<Exclude<keyof Methods<unknown>, '~tables'>, unknown> = {
    get: call('GET'),
    post: call('POST'),
    put: call('PUT'),
    patch: call('PATCH'),
    delete: call('DELETE'),
    head: call('HEAD'),
    options: call('OPTIONS'),
  };
  return methods as Client<Api>;
}
