import type { IncomingHttpHeaders } from 'node:http';
import { consumesMatch, mediaTypeOf } from '../http/media-type.js';
import { bodilessMethod, requestHasBody } from '../http/methods.js';
import { parseContentType, type ReaderRegistry } from '../http/readers/index.js';
import type { RouteParams } from '../router/index.js';
import { allowHeader } from './allow.js';
import type { CompiledRoute } from './compiled-route.js';
import type { HostGroups } from './host-groups.js';
import type { WebService } from './web-service.js';

/** A route answers the request: its params (Host params included) and the negotiated type. */
export interface RouteFound {
  readonly kind: 'found';
  readonly route: CompiledRoute;
  readonly params: RouteParams;
  /** The media type the answer is written in, chosen from Accept. */
  readonly responseType: string;
  /** The `Allow` header of the path; only computed for OPTIONS requests (CORS preflights). */
  readonly allow: string | undefined;
}

/** The path is routed without its trailing slash and the policy is `redirect`. */
export interface RouteRedirect {
  readonly kind: 'redirect';
  /** The canonical path, without the query string. */
  readonly location: string;
  readonly status: 301 | 308;
  readonly service: WebService | undefined;
}

/** A path parameter failed a macro whose `else` names a status. */
export interface RouteRejected {
  readonly kind: 'rejected';
  readonly status: number;
  readonly param: string;
  readonly service: WebService | undefined;
}

/** No route has the path; `service` is the one of the request's Host whose root covers it. */
export interface RouteNotFound {
  readonly kind: 'not-found';
  readonly service: WebService | undefined;
}

/** Routes have the path, none for the method (405), or the method is OPTIONS (204). */
export interface RouteMethods {
  readonly kind: 'method-not-allowed' | 'options';
  readonly allow: string;
  readonly service: WebService | undefined;
}

/** The route cannot read the request's body (415): `contentType` is '' when none was sent. */
export interface RouteUnsupportedType {
  readonly kind: 'unsupported-media-type';
  readonly route: CompiledRoute;
  readonly contentType: string;
  readonly allow: string | undefined;
}

/** The route produces nothing the request's Accept takes (406). */
export interface RouteNotAcceptable {
  readonly kind: 'not-acceptable';
  readonly route: CompiledRoute;
  readonly allow: string | undefined;
}

/**
 * What a request is, as routing sees it. The pipeline answers from it, the CORS filter reads
 * its `Allow`, and the error handlers of its service (of the route, or the one covering the
 * path on the request's Host) answer its failures.
 */
export type RouteSelection =
  | RouteFound
  | RouteRedirect
  | RouteRejected
  | RouteNotFound
  | RouteMethods
  | RouteUnsupportedType
  | RouteNotAcceptable;

/** The service whose error handlers answer for a selection. */
export function serviceOf(selection: RouteSelection): WebService | undefined {
  return 'route' in selection ? selection.route.service : selection.service;
}

/**
 * The one place that decides what a request is: Host group, route, trailing-slash redirect,
 * rejected param, 404, 405 and OPTIONS with `Allow`, 415 from Content-Type and 406 from Accept.
 */
export class RouteSelector {
  constructor(
    private readonly hosts: HostGroups,
    private readonly readers: ReaderRegistry,
  ) {}

  select(method: string, path: string, headers: IncomingHttpHeaders): RouteSelection {
    const host = this.hosts.match(headers.host);
    const group = host.group;
    const router = group.router;
    let found = router.lookup(method, path);
    // HEAD is served by the GET route when it has none of its own.
    if (found.kind === 'not-found' && method === 'HEAD') found = router.lookup('GET', path);
    switch (found.kind) {
      case 'found': {
        const route = found.value;
        const allow = method === 'OPTIONS' ? allowHeader(router.allowed(path)) : undefined;
        if (route.consumes !== undefined && requestHasBody(headers)) {
          const header = headers['content-type'];
          const type = mediaTypeOf(header);
          if (!this.admits(route, method, type, header)) {
            return { kind: 'unsupported-media-type', route, contentType: type, allow };
          }
        }
        const responseType = route.negotiator.choose(headers.accept);
        if (responseType === null) return { kind: 'not-acceptable', route, allow };
        const params = host.params === undefined ? found.params : { ...host.params, ...found.params };
        return { kind: 'found', route, params, responseType, allow };
      }
      case 'redirect':
        return {
          kind: 'redirect',
          location: found.location,
          status: method === 'GET' || method === 'HEAD' ? 301 : 308,
          service: group.serviceFor(found.location),
        };
      case 'rejected':
        return {
          kind: 'rejected',
          status: found.status,
          param: found.param,
          service: group.serviceFor(path),
        };
      default: {
        const service = group.serviceFor(path);
        const methods = router.allowed(path);
        if (methods.length === 0) return { kind: 'not-found', service };
        const kind = method === 'OPTIONS' ? 'options' : 'method-not-allowed';
        return { kind, allow: allowHeader(methods), service };
      }
    }
  }

  /**
   * The 415 decision. A body needs a type the route consumes, and one a reader reads when the
   * route binds the body. A body without Content-Type passes only where bodies are unusual
   * (GET, DELETE, …) and the route does not read it.
   */
  private admits(route: CompiledRoute, method: string, type: string, header: string | undefined): boolean {
    if (type === '') return !route.readsBody && bodilessMethod(method);
    if (!consumesMatch(route.consumes!, type)) return false;
    if (!route.readsBody) return true;
    return parseContentType(header!) !== undefined && this.readers.find(type) !== undefined;
  }
}
