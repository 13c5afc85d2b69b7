import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Container } from '../service/index.js';

/**
 * The one way every `bindery` command that works on an application finds its container. An app
 * module's default export is either
 *
 * - a Container (`export default container`), or
 * - a function returning one or a promise of one (`export default createApp`), called with no
 *   arguments.
 *
 * Anything else is an AppModuleError naming the module and what it exported instead.
 */
export class AppModuleError extends Error {
  readonly code = 'BND_ERR_APP_MODULE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppModuleError';
  }
}

const CONTRACT = 'export default a Container, or a function returning one (or a promise of one)';

/**
 * Whether a value is a Container. Checked by shape, not `instanceof`: an app may import its own
 * copy of binderyjs (from source, or another install) than the one running the command.
 */
function isContainer(value: unknown): value is Container {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof Container, unknown>>;
  return (
    typeof candidate.webServices === 'function' &&
    typeof candidate.listen === 'function' &&
    typeof candidate.close === 'function'
  );
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'no default export';
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'no prototype'})`;
  return `a ${typeof value}`;
}

/**
 * Imports an app module (a path, relative to `cwd`) and returns its container. Commands that
 * print data call it with `quiet`: unless LOG_LEVEL says otherwise the app's loggers are silent,
 * so its start-up lines do not end up inside a document written to standard output.
 */
export async function loadAppModule(
  specifier: string,
  options: { cwd?: string; quiet?: boolean } = {},
): Promise<Container> {
  if (options.quiet === true) process.env.LOG_LEVEL ??= 'silent';
  const cwd = options.cwd ?? process.cwd();
  const url = pathToFileURL(resolve(cwd, specifier)).href;
  let module: { default?: unknown };
  try {
    module = (await import(url)) as { default?: unknown };
  } catch (error) {
    const reason = (error as Error).message;
    const typescript =
      (error as { code?: string }).code === 'ERR_UNKNOWN_FILE_EXTENSION'
        ? '; a TypeScript module needs a loader: run the command as `npx tsx node_modules/.bin/bindery ...`, or build the module first'
        : '';
    throw new AppModuleError(`cannot load app module ${specifier}: ${reason}${typescript}`, { cause: error });
  }
  const exported = module.default;
  if (isContainer(exported)) return exported;
  if (typeof exported !== 'function') {
    throw new AppModuleError(`app module ${specifier} must ${CONTRACT}; it has ${kindOf(exported)}`);
  }
  const made: unknown = await (exported as () => unknown)();
  if (isContainer(made)) return made;
  throw new AppModuleError(
    `app module ${specifier} must ${CONTRACT}; its default export returned ${kindOf(made)}`,
  );
}
