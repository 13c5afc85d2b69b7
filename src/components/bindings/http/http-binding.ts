import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { bodilessMethod } from '../../../http/methods.js';
import type {
  ComponentContext,
  InvokeRequest,
  InvokeResponse,
  OutputBinding,
} from '../../binding-component.js';
import { defineBindingType } from '../../binding-component.js';
import { ComponentError } from '../../binding-error.js';
import { defineMetadata, type MetadataValues } from '../../metadata-fields.js';
import { isTruthy } from '../../metadata-values.js';
import { MAX_REDIRECTS, redirectHeaders, redirectStep } from './redirects.js';

export const httpOperations = [
  'create',
  'get',
  'head',
  'post',
  'put',
  'patch',
  'delete',
  'options',
  'trace',
] as const;
export type HttpOperation = (typeof httpOperations)[number];

const fields = defineMetadata({
  url: {
    type: 'string',
    required: true,
    description: 'Base URL every request goes to; the `path` request metadata is appended.',
  },
  responseTimeout: {
    type: 'duration',
    description:
      "Time allowed for the whole exchange (e.g. 10s): past it the request is aborted and the call fails with `context deadline exceeded`. The runtime's call deadline (30 s) when absent.",
  },
  maxResponseBodySize: {
    type: 'bytesize',
    default: 100 * 2 ** 20,
    description:
      'Bytes of the response body read at most (e.g. 100Mi); the rest is dropped. 0 means no limit.',
  },
  securityToken: {
    type: 'string',
    sensitive: true,
    description: 'Value of the security token header sent with every request.',
  },
  securityTokenHeader: { type: 'string', description: 'Header that carries `securityToken`.' },
  errorIfNot2XX: {
    type: 'boolean',
    default: true,
    description:
      'Fail on a non-2xx status (the status, headers and body stay available on the error); a request may override it.',
  },
  MTLSRootCA: { type: 'string', description: 'PEM text or file path of a CA to trust for HTTPS.' },
  MTLSClientCert: {
    type: 'string',
    description: 'PEM text or file path of the client certificate (with MTLSClientKey).',
  },
  MTLSClientKey: { type: 'string', sensitive: true, description: 'PEM text or file path of the client key.' },
});

type Metadata = MetadataValues<typeof fields>;

const TRACE_KEYS = ['traceparent', 'tracestate', 'baggage'];

interface Tls {
  ca?: string;
  cert?: string;
  key?: string;
}

class HttpBinding implements OutputBinding<HttpOperation, Metadata> {
  private metadata!: Metadata;
  private tls: Tls = {};

  constructor(private readonly context: ComponentContext) {}

  async init(metadata: Metadata): Promise<void> {
    let url: URL;
    try {
      url = new URL(metadata.url);
    } catch {
      throw new Error(`url ${JSON.stringify(metadata.url)} is not a valid URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`url must be http or https, not ${url.protocol}`);
    this.metadata = metadata;
    if (metadata.MTLSRootCA !== undefined) this.tls.ca = pem('MTLSRootCA', metadata.MTLSRootCA);
    if (metadata.MTLSClientCert !== undefined && metadata.MTLSClientKey !== undefined) {
      this.tls.cert = pem('MTLSClientCert', metadata.MTLSClientCert);
      this.tls.key = pem('MTLSClientKey', metadata.MTLSClientKey);
    }
  }

  operations(): readonly HttpOperation[] {
    return httpOperations;
  }

  async invoke(request: InvokeRequest<HttpOperation>): Promise<InvokeResponse> {
    const md = request.metadata;
    let target = this.metadata.url;
    if (md.path !== undefined && md.path !== '')
      target = `${target.replace(/\/+$/, '')}/${md.path.replace(/^\/+/, '')}`;
    const errorIfNot2XX =
      md.errorIfNot2XX !== undefined && md.errorIfNot2XX !== ''
        ? isTruthy(md.errorIfNot2XX)
        : this.metadata.errorIfNot2XX;
    const method = request.operation === 'create' ? 'POST' : request.operation.toUpperCase();
    const body = bodilessMethod(method) ? undefined : request.data;

    const headers = new Headers();
    if (body !== undefined && !('Content-Type' in md))
      headers.set('Content-Type', 'application/json; charset=utf-8');
    if (!('Accept' in md)) headers.set('Accept', 'application/json; charset=utf-8');
    const { securityToken, securityTokenHeader } = this.metadata;
    if (securityToken !== undefined && securityTokenHeader !== undefined)
      headers.set(securityTokenHeader, securityToken);
    // Dapr's rule: request metadata keys that start with an upper-case letter are headers.
    for (const [key, value] of Object.entries(md)) {
      if (/^[A-Z]/.test(key)) headers.set(key, value);
    }
    for (const key of TRACE_KEYS) {
      const value = md[key];
      if (value !== undefined && value !== '') headers.set(key, value);
    }

    const response = await this.follow(method, target, headers, body, request.signal);
    if (errorIfNot2XX && Math.trunc(Number(response.metadata.statusCode) / 100) !== 2) {
      throw new ComponentError(`received status code ${response.metadata.statusCode}`, response);
    }
    return response;
  }

  async close(): Promise<void> {}

  callTimeout(): number | undefined {
    return this.metadata.responseTimeout;
  }

  /** The exchange and the redirects it leads to; the answer is the last response. */
  private async follow(
    method: string,
    target: string,
    headers: Headers,
    body: Uint8Array | undefined,
    signal: AbortSignal,
  ): Promise<InvokeResponse> {
    const initial = new URL(target);
    let url = target;
    let current = { method, headers, body };
    for (let followed = 0; ; followed++) {
      const response = await this.exchange(current.method, url, current.headers, current.body, signal);
      const status = Number(response.metadata.statusCode);
      const next = redirectStep(status, response.metadata.Location, current.method, new URL(url));
      if (next === undefined) return response;
      if (followed === MAX_REDIRECTS)
        throw urlError(method, next.url.href, `stopped after ${MAX_REDIRECTS} redirects`);
      if (next.url.protocol !== 'http:' && next.url.protocol !== 'https:')
        throw urlError(
          method,
          next.url.href,
          `unsupported protocol scheme "${next.url.protocol.slice(0, -1)}"`,
        );
      url = next.url.href;
      current = {
        method: next.method,
        headers: redirectHeaders(headers, initial, next),
        body: next.keepBody ? current.body : undefined,
      };
    }
  }

  /** One exchange; the signal (the call's deadline) destroys the request and its socket. */
  private exchange(
    method: string,
    target: string,
    headers: Headers,
    body: Uint8Array | undefined,
    signal: AbortSignal,
  ): Promise<InvokeResponse> {
    const url = new URL(target);
    const fail = (reason: string) => urlError(method, target, reason);
    const outgoing: OutgoingHttpHeaders = Object.fromEntries(headers);
    if (body !== undefined) outgoing['content-length'] = body.length;
    const limit = this.metadata.maxResponseBodySize;

    return new Promise<InvokeResponse>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, { method, headers: outgoing, signal, ...this.tls });
      const settle = (error: Error | undefined, value?: InvokeResponse) => {
        if (error !== undefined) reject(error);
        else resolve(value!);
      };
      const aborted = () => (signal.aborted ? 'context deadline exceeded' : undefined);
      req.on('error', (error: NodeJS.ErrnoException) => {
        settle(fail(aborted() ?? networkReason(error, url)));
      });
      req.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        res.on('data', (chunk: Buffer) => {
          if (limit > 0 && size + chunk.length > limit) {
            if (size < limit) chunks.push(chunk.subarray(0, limit - size));
            size = limit;
            truncated = true;
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        res.on('error', (error: NodeJS.ErrnoException) => {
          settle(fail(aborted() ?? error.message));
        });
        res.on('end', () => {
          if (truncated)
            this.context.logger.warn({ url: target, limit }, 'response body cut at maxResponseBodySize');
          settle(undefined, { data: new Uint8Array(Buffer.concat(chunks)), metadata: responseMetadata(res) });
        });
      });
      req.end(body === undefined ? undefined : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    });
  }
}

/** An error worded as Go's url.Error: `Get "http://…": reason`, the method as Go spells it. */
function urlError(method: string, target: string, reason: string): Error {
  const op = method.charAt(0) + method.slice(1).toLowerCase();
  return new Error(`${op} ${JSON.stringify(target)}: ${reason}`);
}

/** statusCode, status (`404 Not Found`) and every header under Go's canonical name, values joined by ", ". */
function responseMetadata(res: IncomingMessage): Record<string, string> {
  const code = res.statusCode ?? 0;
  const metadata: Record<string, string> = {
    statusCode: String(code),
    status: `${code} ${res.statusMessage ?? ''}`.trimEnd(),
  };
  const joined = new Map<string, string[]>();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    const name = canonicalHeader(res.rawHeaders[i]!);
    const list = joined.get(name) ?? [];
    list.push(res.rawHeaders[i + 1]!);
    joined.set(name, list);
  }
  for (const [name, values] of joined) metadata[name] = values.join(', ');
  return metadata;
}

/** Go's CanonicalHeaderKey: `content-type` → `Content-Type`. */
function canonicalHeader(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

/** Node's network errors in the words Go's client uses, so messages read like Dapr's. */
function networkReason(error: NodeJS.ErrnoException, url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (error.code === 'ECONNREFUSED') return `dial tcp ${url.hostname}:${port}: connect: connection refused`;
  if (error.code === 'ENOTFOUND') return `dial tcp: lookup ${url.hostname}: no such host`;
  if (error.code === 'ECONNRESET') return 'connection reset by peer';
  return error.message;
}

/** A PEM value: the text itself, or else a path to read it from (as Dapr accepts both). */
function pem(field: string, value: string): string {
  if (value.includes('-----BEGIN')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch (error) {
    throw new Error(
      `provided "${field}" value is neither a valid file path nor a valid pem encoded string: ${(error as Error).message}`,
    );
  }
}

/** `bindings.http`: calls an HTTP endpoint; the operation is the method. */
export const httpBinding = defineBindingType({
  type: 'bindings.http',
  description: 'Sends HTTP requests to a configured URL; the operation is the method (create = POST).',
  operations: httpOperations,
  metadata: fields,
  create: (context) => new HttpBinding(context),
});
