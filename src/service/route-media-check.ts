import type { ReaderRegistry } from '../http/readers/index.js';
import { StartupError } from '../http/startup-error.js';
import type { WriterRegistry } from '../http/writers.js';
import type { CompiledRoute } from './compiled-route.js';
import type { WebService } from './web-service.js';

/** How a message names a web service: its root, and its host when it has one. */
export function describeService(ws: WebService): string {
  return ws.hostPattern === undefined
    ? `web service ${ws.root}`
    : `web service ${ws.root} on host ${ws.hostPattern}`;
}

/**
 * Refuses at startup a route that could never answer in a type it declares: a produced type no
 * writer writes (every answer in it would be a 500), or a consumed type of a bound body no
 * reader reads (every such request would be a 415). Patterns (`text/*`, `*\/*`) name no single
 * type and are not checked.
 */
export function checkRouteMedia(
  route: CompiledRoute,
  readers: ReaderRegistry,
  writers: WriterRegistry,
): void {
  for (const type of route.negotiator.produces) {
    if (type.includes('*') || writers.find(type) !== undefined) continue;
    throw new StartupError(
      'BND_ERR_MEDIA_TYPE',
      `route ${route.name} of ${describeService(route.service)} produces ${type}, which no entity writer writes: ` +
        `register one on container.writers (bytesWriter('${type}') when the route answers bytes or a stream)`,
    );
  }
  if (!route.readsBody || route.consumes === undefined) return;
  for (const type of route.consumes) {
    if (type.includes('*') || readers.find(type) !== undefined) continue;
    throw new StartupError(
      'BND_ERR_MEDIA_TYPE',
      `route ${route.name} of ${describeService(route.service)} consumes ${type}, which no entity reader reads: ` +
        'register one on container.readers or leave the type out of consumes',
    );
  }
}
