import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from 'pino';
import { HttpError } from '../http/http-error.js';
import type { Limits } from '../http/limits.js';

export interface ListenOptions {
  port?: number;
  host?: string;
}

const clientErrorCodes: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'BND_ERR_HEADERS_TOO_LARGE'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'BND_ERR_REQUEST_TIMEOUT'],
  HPE_URI_TOO_LONG: [414, 'BND_ERR_URI_TOO_LONG'],
};

/**
 * How long a refused client has to take its answer and close before the socket is destroyed.
 * The answer is a few hundred bytes, so it is in the kernel's send buffer at once; the grace only
 * spares a well-behaved client a reset racing the answer.
 */
const refusedSocketGrace = 1_000;

/**
 * Answers a request Node refused before it reached us (headers too large, malformed, too slow)
 * with a problem document instead of Node's bare status line, then closes the socket. Ending
 * our side is not enough: the server keeps half-open sockets, so a client that neither reads
 * nor closes would hold its descriptor for good, and a few thousand such clients exhaust the
 * process's descriptors.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code] = clientErrorCodes[error.code ?? ''] ?? [400, 'BND_ERR_BAD_REQUEST'];
  const detail = status === 400 ? 'The request could not be parsed as HTTP' : undefined;
  const body = JSON.stringify(new HttpError(status, detail, { code }).toProblem());
  const title = STATUS_CODES[status] ?? 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  const timer = setTimeout(() => socket.destroy(), refusedSocketGrace);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

export function createHttpServer(listener: RequestListener, limits: Limits): Server {
  const server = createServer(
    {
      maxHeaderSize: limits.headerSize,
      requestTimeout: limits.requestTimeout,
      headersTimeout: limits.headersTimeout,
      keepAliveTimeout: limits.keepAliveTimeout,
      // Node checks the two timeouts only this often (30 s by default); a quarter of the shorter
      // one keeps a slow client's 408 close to the limit the container was given.
      connectionsCheckingInterval: Math.max(
        50,
        Math.min(30_000, Math.min(limits.requestTimeout, limits.headersTimeout) / 4),
      ),
    },
    listener,
  );
  server.on('clientError', answerClientError);
  // With a listener here Node no longer answers `Expect: 100-continue` by itself: the route
  // sends `100 Continue` once the body's declared size is admitted, and never before a 413.
  server.on('checkContinue', listener);
  return server;
}

export function listenOn(server: Server, options: ListenOptions): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * How long connections that were idle when `close()` began stay open, in milliseconds. A client
 * between two requests on a kept-alive connection may already be sending the next one; cutting
 * the connection then loses that request. Kept open a moment, the connection receives it, and
 * its answer says `Connection: close`, so the client goes away in order.
 */
export const defaultCloseGrace = 1_000;

/** Says `Connection: close` on an answer, so the client sends nothing more on that socket. */
function lastOnConnection(_req: IncomingMessage, res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('connection', 'close');
}

/**
 * Stops accepting new connections and leaves the open ones alone. node:http's own `close()`
 * also destroys every idle keep-alive connection at once, which is what loses requests; the
 * instance's `closeIdleConnections` is passed over for that one call so the connections stay.
 * (The periodic check of request and header timeouts stops with it; the deadline bounds the
 * drain instead.)
 */
function stopAccepting(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  server.closeIdleConnections = () => {};
  try {
    server.close();
  } finally {
    Reflect.deleteProperty(server, 'closeIdleConnections');
  }
  return closed;
}

/**
 * Closes a server without losing a request a client already sent:
 * - stops accepting, and every answer from here on says `Connection: close`, so each client
 *   leaves its connection after the answer it is waiting for;
 * - connections idle at the start stay open for `graceMs`, so a request already on its way on
 *   one is answered rather than reset; after the grace, connections still idle are closed (they
 *   have been idle that long, so no request is under way on them);
 * - requests in flight finish until `deadlineMs`, when whatever is left is cut.
 * An answer whose headers went out before the close kept its connection alive: that
 * connection ends at its keep-alive timeout (which the client was told) or at the deadline.
 */
export async function drainServer(
  server: Server,
  waitForRequests: () => Promise<void>,
  deadlineMs: number,
  logger: Logger,
  graceMs: number = defaultCloseGrace,
): Promise<void> {
  server.prependListener('request', lastOnConnection);
  server.prependListener('checkContinue', lastOnConnection);
  const closed = stopAccepting(server);
  const grace = setTimeout(() => server.closeIdleConnections(), Math.min(graceMs, deadlineMs));
  grace.unref();
  let requestsLeft = true;
  const requests = waitForRequests().then(() => {
    requestsLeft = false;
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deadlineMs);
    timer.unref();
  });
  const outcome = await Promise.race([Promise.all([requests, closed]), deadline]);
  clearTimeout(timer);
  clearTimeout(grace);
  if (outcome === 'timeout') {
    if (requestsLeft) logger.warn({ deadlineMs }, 'close deadline reached; cutting remaining connections');
    server.closeAllConnections();
    await closed;
  }
}
