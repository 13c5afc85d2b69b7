import { StartupError } from '../http/startup-error.js';
import type { InjectionKey } from '../inject/index.js';
import type { RouteMethod } from './method-name.js';
import type { RouteOptions } from './route-options.js';

/**
 * Decorators record what they see in the class's decorator metadata, which the standard gives
 * every decorated class. Node 20 has no `Symbol.metadata` yet, so the well-known symbol is
 * installed here under the same registry key compilers fall back to; decorators imported from
 * this module therefore always find it.
 */
const symbols = Symbol as { metadata?: symbol };
symbols.metadata ??= Symbol.for('Symbol.metadata');
const metadataSymbol: symbol = symbols.metadata;

const key = Symbol('bindery.controller');

/** A route a method decorator declared. */
export interface DecoratedRoute {
  readonly method: RouteMethod;
  readonly path: string;
  readonly handlerName: string;
  readonly options: RouteOptions;
  /** Reads the method from an instance, so `#private` methods work too. */
  readonly read: (instance: object) => unknown;
}

/** A dependency an `@inject` accessor declared. */
export interface FieldInjection {
  readonly name: string;
  readonly key: InjectionKey<unknown>;
  readonly write: (instance: object, value: unknown) => void;
}

/** What one class's own decorators recorded; a subclass has its own and inherits its parent's. */
export interface ControllerMetadata {
  readonly routes: DecoratedRoute[];
  /** Options for the routes a method's name makes (`@endpoint`). */
  readonly described: Map<string, RouteOptions>;
  readonly fields: FieldInjection[];
}

/** The metadata of the class being decorated, created on first use (own, never the parent's). */
export function ownMetadata(context: { readonly metadata: DecoratorMetadata }): ControllerMetadata {
  const metadata = context.metadata as Record<symbol, ControllerMetadata | undefined> | undefined;
  if (metadata === undefined) {
    throw new StartupError(
      'BND_ERR_DECORATOR_METADATA',
      'decorator metadata is missing: compile with standard decorators (TypeScript 5.2+, esbuild 0.21+)',
    );
  }
  if (!Object.hasOwn(metadata, key)) {
    metadata[key] = { routes: [], described: new Map(), fields: [] };
  }
  return metadata[key] as ControllerMetadata;
}

/** The recorded metadata of a class and its ancestors, the oldest ancestor first. */
export function metadataChain(cls: Function): ControllerMetadata[] {
  const out: ControllerMetadata[] = [];
  let metadata = (cls as unknown as Record<symbol, object | null | undefined>)[metadataSymbol];
  while (metadata !== undefined && metadata !== null) {
    if (Object.hasOwn(metadata, key))
      out.unshift((metadata as Record<symbol, ControllerMetadata>)[key] as ControllerMetadata);
    metadata = Object.getPrototypeOf(metadata) as object | null;
  }
  return out;
}
