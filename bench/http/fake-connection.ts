import { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Writable } from 'node:stream';
import type { Listener } from './peer.js';
import type { BenchRequest } from './spec.js';

/**
 * Drives a node:http listener without sockets, for the in-process mode. Requests and responses
 * are node's own IncomingMessage and ServerResponse (frameworks such as Express swap their
 * prototypes and rely on their internals, so look-alike objects would not do); only the socket
 * underneath is fake, and it drops what the response writes. The event order copies node's
 * HTTP server: 'request' first, then the body, then the response's 'finish' and 'close'.
 */

/** A request turned once into what node's parser would produce, so batches only copy it. */
export interface PreparedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly rawHeaders: readonly string[];
  readonly body: Buffer | undefined;
}

export function prepare(request: BenchRequest): PreparedRequest {
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const raw: string[] = ['Host', 'localhost'];
  for (const [name, value] of Object.entries(request.headers)) raw.push(name, value);
  if (body !== undefined) raw.push('Content-Length', String(body.length));
  const headers: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) headers[raw[i]!.toLowerCase()] = raw[i + 1]!;
  return { method: request.method, url: request.url, headers, rawHeaders: raw, body };
}

/**
 * Stands in for a keep-alive TCP socket: accepts every write and keeps it only when asked. It
 * claims to be readable because an open socket is, and libraries such as on-finished (used by
 * body-parser) treat a request on an unreadable socket as already over.
 */
class NullSocket extends Writable {
  readonly readable = true;
  readonly remoteAddress = '127.0.0.1';
  readonly remotePort = 50000;
  readonly localAddress = '127.0.0.1';
  readonly localPort = 80;
  readonly encrypted = false;
  captured: Buffer[] | undefined;

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.captured?.push(chunk);
    callback();
  }

  override _writev(
    chunks: Array<{ chunk: Buffer; encoding: BufferEncoding }>,
    callback: (error?: Error | null) => void,
  ): void {
    if (this.captured !== undefined) for (const { chunk } of chunks) this.captured.push(chunk);
    callback();
  }

  // The request body is pushed by the driver, so there is no flow to start or stop.
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  // Listeners tune real sockets with these; here there is nothing to tune.
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
}

/**
 * One keep-alive connection: requests go through it one at a time, like HTTP/1.1 without
 * pipelining. Several connections give the concurrency a real server sees.
 */
export class FakeConnection {
  readonly #listener: Listener;
  readonly #socket = new NullSocket();
  // node's types want a net.Socket; node itself only uses the Writable side and a few fields.
  readonly #asSocket = this.#socket as unknown as Socket;

  constructor(listener: Listener) {
    this.#listener = listener;
  }

  /** Sends one request and settles with the status once the response has closed. */
  send(request: PreparedRequest): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = new IncomingMessage(this.#asSocket);
      req.method = request.method;
      req.url = request.url;
      req.httpVersionMajor = 1;
      req.httpVersionMinor = 1;
      req.httpVersion = '1.1';
      req.headers = { ...request.headers };
      req.rawHeaders = request.rawHeaders.slice();
      const res = new ServerResponse(req);
      res.assignSocket(this.#asSocket);
      // Registered before the listener runs, as node's server does, so it runs first on 'finish'.
      res.once('finish', () => {
        res.detachSocket(this.#asSocket);
        // node drains a body nobody read, so the request can end and be released.
        if (req.readableFlowing === null) req.resume();
        process.nextTick(() => {
          res.destroyed = true;
          res.emit('close');
          resolve(res.statusCode);
        });
      });
      try {
        this.#listener(req, res);
      } catch (error) {
        reject(error);
        return;
      }
      if (request.body !== undefined) req.push(request.body);
      req.complete = true;
      req.push(null);
    });
  }

  /** Sends one request and returns every byte the listener wrote, for the correctness check. */
  async exchange(request: PreparedRequest): Promise<Buffer> {
    const captured: Buffer[] = [];
    this.#socket.captured = captured;
    try {
      await this.send(request);
    } finally {
      this.#socket.captured = undefined;
    }
    return Buffer.concat(captured);
  }
}
