import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { posix } from 'node:path';
import { type Container, createHttpServer, drainServer, listenOn } from '../../service/index.js';

/** One answered HTTP API call, for `--enable-api-logging`. */
export interface ApiCall {
  readonly method: string;
  readonly path: string;
  /** The matched route's template (daprd's "obfuscated" form), or the path when none matched. */
  readonly route: string;
  readonly code: number;
  readonly durationMs: number;
  readonly userAgent: string | undefined;
}

export interface SidecarHttpOptions {
  readonly closeTimeoutMs: number;
  readonly log?: (call: ApiCall) => void;
}

/**
 * The sidecar's HTTP listeners: one server per listen address, all on one port, in front of
 * the container. Paths are cleaned first as daprd's router does (`//`, `.` and `..` folded,
 * a trailing slash dropped), so `/v1.0//bindings/x` reaches the binding.
 */
export class SidecarHttpServers {
  private readonly servers: Server[] = [];
  private inFlight = 0;
  private onIdle: (() => void) | undefined;

  constructor(
    private readonly container: Container,
    private readonly options: SidecarHttpOptions,
  ) {}

  /** Listens on every host; port 0 picks a free port for the first and reuses it for the rest. */
  async listen(port: number, hosts: readonly string[]): Promise<number> {
    const handler = this.handler();
    let bound = port;
    for (const host of hosts) {
      const server = createHttpServer(handler, this.container.limits);
      this.servers.push(server);
      bound = (await listenOn(server, { port: bound, host })).port;
    }
    return bound;
  }

  async close(): Promise<void> {
    const servers = this.servers.splice(0);
    const drained = () =>
      this.inFlight === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            this.onIdle = resolve;
          });
    await Promise.all(
      servers.map((s) => drainServer(s, drained, this.options.closeTimeoutMs, this.container.logger)),
    );
  }

  private handler(): RequestListener {
    const next = this.container.handler;
    const log = this.options.log;
    return (req: IncomingMessage, res: ServerResponse) => {
      req.url = cleanRequestTarget(req.url ?? '/');
      this.inFlight++;
      const started = performance.now();
      res.once('close', () => {
        this.inFlight--;
        if (log !== undefined) {
          const path = req.url?.split('?')[0] ?? '/';
          log({
            method: req.method ?? 'GET',
            path,
            route: routeOf(path),
            code: res.statusCode,
            durationMs: Math.round(performance.now() - started),
            userAgent: req.headers['user-agent'],
          });
        }
        if (this.inFlight === 0) this.onIdle?.();
      });
      next(req, res);
    };
  }
}

/** Go's path.Clean on the escaped path (as daprd's router sees it), the query kept as sent. */
export function cleanRequestTarget(target: string): string {
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  if (!path.startsWith('/')) return target;
  let clean = posix.normalize(path);
  if (clean.length > 1 && clean.endsWith('/')) clean = clean.slice(0, -1);
  return q === -1 ? clean : clean + target.slice(q);
}

/** The API endpoint a path belongs to, without the caller's names and keys. */
function routeOf(path: string): string {
  return path
    .replace(/^\/v1\.0\/bindings\/[^/]+$/, '/v1.0/bindings/{name}')
    .replace(/^\/v1\.0\/metadata\/[^/]+$/, '/v1.0/metadata/{key}');
}
