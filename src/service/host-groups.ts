import { StartupError } from '../http/startup-error.js';
import type { RouteTable } from '../router/index.js';
import type { CompiledRoute } from './compiled-route.js';

interface HostPattern {
  readonly pattern: string;
  readonly regex: RegExp;
  readonly names: readonly string[];
  readonly router: RouteTable<CompiledRoute>;
}

/** The router for a request and the params its Host header bound (`{tenant}.example.com`). */
export interface HostMatch {
  readonly router: RouteTable<CompiledRoute>;
  readonly params: Record<string, string> | undefined;
}

const hostParam = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

function compileHost(pattern: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const parts = pattern
    .toLowerCase()
    .split('.')
    .map((label) => {
      const param = hostParam.exec(label);
      if (param === null) {
        if (label.includes('{') || label.includes('}')) {
          throw new StartupError(
            'BND_ERR_WEB_SERVICE',
            `host pattern ${pattern}: a param must be a whole label like {tenant}`,
          );
        }
        return label.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
      }
      if (names.includes(param[1]!))
        throw new StartupError(
          'BND_ERR_WEB_SERVICE',
          `host pattern ${pattern}: param ${param[1]} appears twice`,
        );
      names.push(param[1]!);
      return '([a-z0-9-]+)';
    });
  return { regex: new RegExp(`^${parts.join('\\.')}$`), names };
}

/**
 * Routers per host pattern (iris's subdomains). Requests whose Host matches no pattern use the
 * default router; literal hosts are tried before patterns with params.
 */
export class HostGroups {
  private readonly patterns: HostPattern[] = [];

  constructor(private readonly makeRouter: () => RouteTable<CompiledRoute>) {}

  get size(): number {
    return this.patterns.length;
  }

  routerFor(pattern: string): RouteTable<CompiledRoute> {
    const found = this.patterns.find((p) => p.pattern === pattern.toLowerCase());
    if (found !== undefined) return found.router;
    const { regex, names } = compileHost(pattern);
    const entry: HostPattern = { pattern: pattern.toLowerCase(), regex, names, router: this.makeRouter() };
    this.patterns.push(entry);
    this.patterns.sort((a, b) => a.names.length - b.names.length);
    return entry.router;
  }

  match(hostHeader: string | undefined): HostMatch | undefined {
    if (hostHeader === undefined) return undefined;
    const colon = hostHeader.startsWith('[') ? hostHeader.indexOf(']:') + 1 : hostHeader.lastIndexOf(':');
    const host = (colon > 0 ? hostHeader.slice(0, colon) : hostHeader).toLowerCase();
    for (const entry of this.patterns) {
      const m = entry.regex.exec(host);
      if (m === null) continue;
      if (entry.names.length === 0) return { router: entry.router, params: undefined };
      const params: Record<string, string> = {};
      entry.names.forEach((name, i) => {
        params[name] = m[i + 1]!;
      });
      return { router: entry.router, params };
    }
    return undefined;
  }
}
