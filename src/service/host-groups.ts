import { StartupError } from '../http/startup-error.js';
import type { RouteTable } from '../router/index.js';
import type { CompiledRoute } from './compiled-route.js';
import type { WebService } from './web-service.js';

/**
 * The routes and services one Host answers with: the default group (services without a host
 * pattern) or the group of one pattern. A request is routed inside one group only, and the
 * services of that group alone may answer its 404.
 */
export class RouteGroup {
  readonly services: WebService[] = [];

  constructor(readonly router: RouteTable<CompiledRoute>) {}

  leave(ws: WebService): void {
    const index = this.services.indexOf(ws);
    if (index !== -1) this.services.splice(index, 1);
  }

  /** The service whose root is the longest prefix of `path`: the one that answers its errors. */
  serviceFor(path: string): WebService | undefined {
    let best: WebService | undefined;
    let bestLength = -1;
    for (const ws of this.services) {
      const brace = ws.root.indexOf('{');
      const prefix = brace === -1 ? ws.root : ws.root.slice(0, brace);
      if (prefix.length > bestLength && path.startsWith(prefix)) {
        best = ws;
        bestLength = prefix.length;
      }
    }
    return best;
  }
}

interface HostPattern {
  readonly pattern: string;
  readonly regex: RegExp;
  readonly names: readonly string[];
  readonly group: RouteGroup;
  /** The answer for a pattern without params, built once. */
  readonly literal: HostMatch;
}

/** The group for a request and the params its Host header bound (`{tenant}.example.com`). */
export interface HostMatch {
  readonly group: RouteGroup;
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
 * Route groups per host pattern (iris's subdomains). Requests whose Host matches no pattern use
 * the default group; literal hosts are tried before patterns with params.
 */
export class HostGroups {
  readonly fallback: RouteGroup;
  private readonly patterns: HostPattern[] = [];
  private readonly fallbackMatch: HostMatch;

  constructor(private readonly makeRouter: () => RouteTable<CompiledRoute>) {
    this.fallback = new RouteGroup(makeRouter());
    this.fallbackMatch = { group: this.fallback, params: undefined };
  }

  /** The group of a service: its host pattern's, or the default one. */
  groupOf(ws: WebService): RouteGroup {
    const pattern = ws.hostPattern;
    if (pattern === undefined) return this.fallback;
    const found = this.patterns.find((p) => p.pattern === pattern.toLowerCase());
    if (found !== undefined) return found.group;
    const { regex, names } = compileHost(pattern);
    const group = new RouteGroup(this.makeRouter());
    const entry: HostPattern = {
      pattern: pattern.toLowerCase(),
      regex,
      names,
      group,
      literal: { group, params: undefined },
    };
    this.patterns.push(entry);
    this.patterns.sort((a, b) => a.names.length - b.names.length);
    return entry.group;
  }

  /** The group a request's Host header selects. */
  match(hostHeader: string | undefined): HostMatch {
    if (this.patterns.length === 0 || hostHeader === undefined) return this.fallbackMatch;
    const colon = hostHeader.startsWith('[') ? hostHeader.indexOf(']:') + 1 : hostHeader.lastIndexOf(':');
    const host = (colon > 0 ? hostHeader.slice(0, colon) : hostHeader).toLowerCase();
    for (const entry of this.patterns) {
      const m = entry.regex.exec(host);
      if (m === null) continue;
      if (entry.names.length === 0) return entry.literal;
      const params: Record<string, string> = {};
      entry.names.forEach((name, i) => {
        params[name] = m[i + 1]!;
      });
      return { group: entry.group, params };
    }
    return this.fallbackMatch;
  }
}
