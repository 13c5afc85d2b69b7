import type { ServerObject } from './openapi-types.js';

const HOST_PARAM = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

function matches(pattern: string, host: string): boolean {
  const source = pattern
    .toLowerCase()
    .split(HOST_PARAM)
    .map((part, index) => (index % 2 === 1 ? '[a-z0-9-]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(host.toLowerCase());
}

/**
 * The host group a request to `host` reaches, as the container picks it: literal patterns before
 * patterns with parameters, fewer parameters first; undefined when only services without a host
 * answer it.
 */
export function hostGroupFor(patterns: readonly string[], host: string): string | undefined {
  const params = (pattern: string) => [...pattern.matchAll(HOST_PARAM)].length;
  const ordered = [...new Set(patterns.map((p) => p.toLowerCase()))].sort((a, b) => params(a) - params(b));
  return ordered.find((pattern) => matches(pattern, host));
}

/**
 * The server of a host group's paths: its host pattern, with each `{param}` a server variable,
 * under the scheme of the document's first server (https when there is none).
 */
export function hostServers(pattern: string, servers: readonly ServerObject[] | undefined): ServerObject[] {
  const first = servers?.[0]?.url;
  const scheme = first !== undefined && /^http:/i.test(first) ? 'http' : 'https';
  const variables: NonNullable<ServerObject['variables']> = {};
  for (const match of pattern.matchAll(HOST_PARAM)) variables[match[1]!] = { default: match[1]! };
  const server: ServerObject = { url: `${scheme}://${pattern}` };
  if (Object.keys(variables).length > 0) server.variables = variables;
  return [server];
}
