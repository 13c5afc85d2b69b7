import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Container } from '../service/index.js';

/**
 * How a command finds an application: the module's default export is a Container, or a function
 * (possibly async) that returns one. The function form lets the module read its settings when
 * the command runs rather than when it is imported.
 */
export async function loadAppContainer(specifier: string, cwd = process.cwd()): Promise<Container> {
  const path = isAbsolute(specifier) ? specifier : resolve(cwd, specifier);
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(path)) {
      throw new AppModuleError(`app module ${specifier} was not found (looked at ${path})`);
    }
    throw error;
  }
  const exported = loaded.default;
  const made = typeof exported === 'function' ? await exported() : exported;
  if (isContainer(made)) return made;
  throw new AppModuleError(
    `app module ${specifier} must default-export a Container or a function returning one; its default export is ${describe(exported)}`,
  );
}

/** A module that does not expose an application the documented way. */
export class AppModuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppModuleError';
  }
}

/**
 * By shape rather than `instanceof`: the app may load Bindery from another copy (its own
 * node_modules, or built files while the command runs from sources).
 */
function isContainer(value: unknown): value is Container {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ['listen', 'close', 'ready', 'inject', 'routes'].every((m) => typeof candidate[m] === 'function');
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'function') return 'a function (what it returned is not a Container)';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'no class'})`;
  return `a ${typeof value}`;
}
