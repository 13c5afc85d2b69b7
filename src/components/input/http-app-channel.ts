import { Socket } from 'node:net';
import type { AppAnswer, AppChannel } from './app-channel.js';

export interface HttpAppChannelOptions {
  readonly port: number;
  /** The app's address (daprd's `--app-channel-address`); 127.0.0.1 by default. */
  readonly host?: string;
  /** Sent as `dapr-api-token` on every call, as daprd does when APP_API_TOKEN is set. */
  readonly appApiToken?: string;
}

/** Delivers events to a separate app over HTTP, as daprd does for an app on `--app-port`. */
export function httpAppChannel(options: HttpAppChannelOptions): AppChannel {
  const host = options.host ?? '127.0.0.1';
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${options.port}`;
  const auth: Record<string, string> =
    options.appApiToken === undefined || options.appApiToken === ''
      ? {}
      : { 'dapr-api-token': options.appApiToken };
  return {
    description: base,
    async post(path, body, headers, signal): Promise<AppAnswer> {
      const response = await fetch(base + path, {
        method: 'POST',
        body,
        headers: { ...headers, ...auth },
        ...(signal === undefined ? {} : { signal }),
      });
      return { status: response.status, body: new Uint8Array(await response.arrayBuffer()) };
    },
    async options(path, signal): Promise<number> {
      const response = await fetch(base + path, {
        method: 'OPTIONS',
        headers: { 'content-type': 'application/json', ...auth },
        signal,
      });
      await response.arrayBuffer();
      return response.status;
    },
  };
}

/**
 * Resolves once something accepts connections on the app's port, as daprd waits for its app
 * before it reads input bindings; `signal` gives up (the sidecar is closing).
 */
export async function waitForPort(
  port: number,
  host: string,
  signal: AbortSignal,
  intervalMs = 100,
): Promise<void> {
  while (!signal.aborted) {
    if (await accepts(port, host)) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  throw new Error(`stopped waiting for the app on ${host}:${port}`);
}

function accepts(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}
