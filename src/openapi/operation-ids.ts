function words(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
}

function capital(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The operation id a route gets when it declares none: the method and the OpenAPI path in camel
 * case, parameters as `By<Name>` (`GET /shops/{shopId}/orders` → `getShopsByShopIdOrders`). It
 * depends only on the method and path, so it is the same in every build of the document.
 */
export function deriveOperationId(method: string, path: string): string {
  const parts: string[] = [];
  for (const segment of path.split('/')) {
    for (const piece of segment.split(/(\{[A-Za-z_][A-Za-z0-9_]*\})/)) {
      if (piece.startsWith('{')) parts.push(`By${capital(piece.slice(1, -1))}`);
      else parts.push(...words(piece).map(capital));
    }
  }
  return method.toLowerCase() + (parts.length === 0 ? 'Root' : parts.join(''));
}

/** One operation waiting for its id. */
export interface IdRequest {
  readonly method: string;
  /** The OpenAPI path. */
  readonly path: string;
  readonly declared: string | undefined;
  /** How errors name the route. */
  readonly route: string;
}

/**
 * Gives every operation a unique id: declared ids as written (two routes declaring one id is a
 * document error), derived ones in a fixed order of path and method with a number appended on a
 * clash, so adding routes elsewhere never renames an existing operation.
 */
export function assignOperationIds(requests: readonly IdRequest[], issues: string[]): Map<IdRequest, string> {
  const ids = new Map<IdRequest, string>();
  const owners = new Map<string, string>();
  for (const request of requests) {
    if (request.declared === undefined) continue;
    const owner = owners.get(request.declared);
    if (owner !== undefined) {
      issues.push(`operation id "${request.declared}" is declared by both ${owner} and ${request.route}`);
    }
    owners.set(request.declared, request.route);
    ids.set(request, request.declared);
  }
  const derived = requests
    .filter((request) => request.declared === undefined)
    .sort((a, b) => compare(a.path, b.path) || compare(a.method, b.method));
  for (const request of derived) {
    const base = deriveOperationId(request.method, request.path);
    let id = base;
    for (let n = 2; owners.has(id); n++) id = `${base}${n}`;
    owners.set(id, request.route);
    ids.set(request, id);
  }
  return ids;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
