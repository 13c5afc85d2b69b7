import { parseArgs } from 'node:util';
import { keyName } from '../inject/index.js';
import { assignOperationIds, type IdRequest } from '../openapi/index.js';
import { toOpenApiPath } from '../router/index.js';
import { type Container, describeRoute, type RouteSpec, type WebService } from '../service/index.js';
import { AppModuleError, loadAppContainer } from './app-module.js';
import { type CliIo, CliUsageError } from './cli-io.js';

export const routesUsage = `Usage: bindery routes <app-module> [options]

Prints an application's route table: method, path template, operation id, the request sources
it binds, the dependencies it injects, the filters that run for it and the service it is in.

The app module's default export is a Container, or a function returning one (or a promise of
one).

Options:
  --json       One JSON array of routes instead of a table
  -h, --help   Show this help
`;

/** One row of the route table. */
export interface RouteRow {
  method: string;
  path: string;
  operationId: string;
  bound: string[];
  /** Handler argument name → the token or class injected. */
  dependencies: Record<string, string>;
  /** Filter names by level, in the order they run (`anonymous` for unnamed functions). */
  filters: { container: string[]; service: string[]; route: string[] };
  service: string;
  host: string | undefined;
}

function filterNames(filters: readonly unknown[]): string[] {
  return filters.map((filter) =>
    typeof filter === 'function' && filter.name !== '' ? filter.name : 'anonymous',
  );
}

/** The route table of a container, services in the order they were added. */
export function routeRows(container: Container): RouteRow[] {
  const listed: { ws: WebService; spec: RouteSpec; request: IdRequest }[] = [];
  for (const ws of container.webServices()) {
    for (const spec of ws.routes()) {
      const method = spec.method === '*' ? 'any' : spec.method;
      const request: IdRequest = {
        method,
        path: toOpenApiPath(spec.template),
        declared: spec.operationId,
        route: describeRoute(spec),
      };
      listed.push({ ws, spec, request });
    }
  }
  // Ids are assigned as the document assigns them; clashes here are reported by `bindery openapi`.
  const ids = assignOperationIds(
    listed.map((entry) => entry.request),
    [],
  );
  const global = filterNames(container.containerFilters());
  return listed.map(({ ws, spec, request }) => ({
    method: spec.method,
    path: spec.template,
    operationId: ids.get(request)!,
    bound: Object.keys(spec.bind ?? {}),
    dependencies: Object.fromEntries(
      Object.entries(spec.inject ?? {}).map(([name, key]) => [name, keyName(key)]),
    ),
    filters: { container: global, service: filterNames(ws.filters), route: filterNames(spec.filters) },
    service: ws.root,
    host: ws.hostPattern,
  }));
}

function filtersText(filters: RouteRow['filters']): string {
  const levels = (['container', 'service', 'route'] as const).filter((level) => filters[level].length > 0);
  if (levels.length === 0) return '-';
  return levels
    .map((level) => {
      const named = filters[level].filter((name) => name !== 'anonymous');
      return `${level} ${filters[level].length}${named.length > 0 ? ` (${named.join(', ')})` : ''}`;
    })
    .join(', ');
}

/** The rows as a table with aligned columns. */
export function routesTable(rows: readonly RouteRow[]): string {
  const header = ['METHOD', 'PATH', 'OPERATION', 'BOUND', 'DEPENDENCIES', 'FILTERS', 'SERVICE'];
  const cells = rows.map((row) => [
    row.method,
    row.path,
    row.operationId,
    row.bound.length === 0 ? '-' : row.bound.join(','),
    Object.keys(row.dependencies).length === 0
      ? '-'
      : Object.entries(row.dependencies)
          .map(([name, key]) => `${name}=${key}`)
          .join(', '),
    filtersText(row.filters),
    row.host === undefined ? row.service : `${row.service} @ ${row.host}`,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((cell) => cell[column]!.length)),
  );
  const line = (cell: string[]) =>
    cell.map((text, column) => (column === cell.length - 1 ? text : text.padEnd(widths[column]!))).join('  ');
  return `${[header, ...cells].map(line).join('\n')}\n`;
}

/** `bindery routes`: loads the app, prints its route table, closes the app. */
export async function runRoutes(args: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  if (parsed.values.help === true) {
    io.stdout(routesUsage);
    return 0;
  }
  const [module, extra] = parsed.positionals;
  if (module === undefined) throw new CliUsageError('the app module is required');
  if (extra !== undefined) throw new CliUsageError(`unexpected argument ${extra}`);
  let container: Container;
  try {
    container = await loadAppContainer(module, { quiet: true });
  } catch (error) {
    if (!(error instanceof AppModuleError)) throw error;
    io.stderr(`bindery routes: ${error.message}\n`);
    return 1;
  }
  try {
    const rows = routeRows(container);
    io.stdout(parsed.values.json === true ? `${JSON.stringify(rows, null, 2)}\n` : routesTable(rows));
    return 0;
  } finally {
    await container.close();
  }
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
}
