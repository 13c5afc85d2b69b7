import { createServer, type RequestListener, type Server, STATUS_CODES } from 'node:http';
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
 * Stops accepting, closes idle keep-alive sockets, lets in-flight requests finish until the
 * deadline, then cuts whatever is left.
 */
export async function drainServer(
  server: Server,
  waitForRequests: () => Promise<void>,
  deadlineMs: number,
  logger: Logger,
): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deadlineMs);
    timer.unref();
  });
  const outcome = await Promise.race([waitForRequests().then(() => 'drained' as const), deadline]);
  if (outcome === 'timeout')
    logger.warn({ deadlineMs }, 'close deadline reached; cutting remaining connections');
  clearTimeout(timer);
  server.closeIdleConnections();
  if (outcome === 'timeout') server.closeAllConnections();
  // Sockets that finished their last request close as the server notices they went idle.
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  idle.unref();
  await closed;
  clearInterval(idle);
}
