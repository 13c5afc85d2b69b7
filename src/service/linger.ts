import type { Socket } from 'node:net';

/** How long a socket keeps reading after an early answer, at most. */
const LINGER_MS = 2_000;

/**
 * Answers sent before the request body was read (a 413 decided from the headers) close the
 * connection, as nobody wants the rest of that body. Closed at once, a socket with unread bytes
 * from the client ends in a reset, and the reset can wipe the answer from the client's buffer
 * before it reads it: the client sees a broken connection instead of the 413. So the socket
 * half-closes after the answer and keeps reading and discarding until the client ends its side,
 * for at most a couple of seconds, then is destroyed.
 */
export function lingerAfterAnswer(socket: Socket): void {
  socket.destroySoon = function lingering(this: Socket): void {
    this.end();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    this.once('end', () => this.destroy());
    this.once('close', () => clearTimeout(timer));
    this.resume();
  };
}
