import { Socket } from 'node:net';

/**
 * Service-backed tests call this first. When the service is unreachable the test is skipped with
 * a message naming it, unless BINDERY_REQUIRE_SERVICES=1 (CI), where it fails instead.
 */
export async function serviceSkip(name: string, host: string, port: number): Promise<string | false> {
  const up = await reachable(host, port);
  if (up) return false;
  const message = `${name} is not reachable at ${host}:${port}`;
  if (process.env.BINDERY_REQUIRE_SERVICES === '1') {
    throw new Error(`${message} and BINDERY_REQUIRE_SERVICES=1 requires it`);
  }
  return `${message}; skipped (set BINDERY_REQUIRE_SERVICES=1 to make this a failure)`;
}

function reachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}
