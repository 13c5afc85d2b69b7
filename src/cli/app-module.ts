import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StartupError } from '../http/startup-error.js';
import type { Container } from '../service/index.js';

/**
 * A module that does not expose an application the documented way, or that cannot be loaded.
 * Every `bindery` command that works on an app (serve, openapi, routes) loads it through
 * `loadAppContainer`, so they share this contract and these messages.
 */
export class AppModuleError extends StartupError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BND_ERR_APP_MODULE', message, options);
    this.name = 'AppModuleError';
  }
}

export interface LoadAppOptions {
  /** Where a relative specifier starts (default: the working directory). */
  readonly cwd?: string;
  /**
   * For commands that print data: unless LOG_LEVEL says otherwise the app's loggers are silent,
   * so its start-up lines do not end up inside a document written to standard output.
   */
  readonly quiet?: boolean;
}

/**
 * How a command finds an application: the module's default export is a Container, or a function
 * (possibly async, called with no arguments) that returns one. The function form lets the module
 * read its settings when the command runs rather than when it is imported.
 */
export async function loadAppContainer(specifier: string, options: LoadAppOptions = {}): Promise<Container> {
  if (options.quiet === true) process.env.LOG_LEVEL ??= 'silent';
  const path = isAbsolute(specifier) ? specifier : resolve(options.cwd ?? process.cwd(), specifier);
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(path)) {
      throw new AppModuleError(`app module ${specifier} was not found (looked at ${path})`, { cause: error });
    }
    const hint =
      code === 'ERR_UNKNOWN_FILE_EXTENSION'
        ? '; a TypeScript module needs a loader (`node --import tsx node_modules/.bin/bindery ...`) or a build'
        : '';
    throw new AppModuleError(`app module ${specifier} failed to load: ${(error as Error).message}${hint}`, {
      cause: error,
    });
  }
  const exported = loaded.default;
  const made = typeof exported === 'function' ? await exported() : exported;
  if (isContainer(made)) return made;
  throw new AppModuleError(
    `app module ${specifier} must default-export a Container or a function returning one; its default export is ${describe(exported, made)}`,
  );
}

/**
 * By shape rather than `instanceof`: the app may load Bindery from another copy (its own
 * node_modules, or built files while the command runs from sources).
 */
function isContainer(value: unknown): value is Container {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ['listen', 'close', 'ready', 'inject', 'routes', 'webServices'].every(
    (m) => typeof candidate[m] === 'function',
  );
}

function kind(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'no class'})`;
  return `a ${typeof value}`;
}

function describe(exported: unknown, made: unknown): string {
  if (typeof exported !== 'function') return kind(exported);
  return `a function that returned ${made === undefined ? 'nothing' : kind(made)}`;
}
