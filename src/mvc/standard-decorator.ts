import { StartupError } from '../http/startup-error.js';

/**
 * Bindery's decorators are standard (TC39) decorators. Compiled with `experimentalDecorators`,
 * TypeScript calls them the legacy way, `(prototype, key, descriptor)`: the second argument is
 * then the member's name instead of a context object. Say so instead of failing on the name.
 */
export function assertStandardContext(decorator: string, context: unknown): void {
  if (typeof context === 'object' && context !== null) return;
  throw new StartupError(
    'BND_ERR_LEGACY_DECORATORS',
    `${decorator} on ${String(context)} was called as a legacy decorator: Bindery's decorators are standard (TC39) decorators, so remove "experimentalDecorators" from tsconfig.json`,
  );
}
