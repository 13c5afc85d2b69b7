import type { ComponentDeclaration } from '../../component-spec.js';

export {
  type LocalStorageOperation,
  localStorageBinding,
  localStorageOperations,
} from './localstorage-binding.js';
export { PathEscapeError } from './safe-path.js';

/**
 * The embedded default: a `bindings.localstorage` component under `./data`, for
 * `runtime.addDefault(...)` when no component file configures the name. It stores data exactly
 * as sent (no base64 guessing); a component file keeps Dapr's behaviour unless it says otherwise.
 */
export function embeddedLocalStorage(name: string, rootPath = './data'): ComponentDeclaration {
  return { name, type: 'bindings.localstorage', metadata: { rootPath, decodeBase64: 'false' } };
}
