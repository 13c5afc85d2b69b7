import { localEnvSecretStore } from './local-env-store.js';
import { localFileSecretStore } from './local-file-store.js';
import type { AnySecretStoreType } from './secret-store.js';

export { isReservedVariable, localEnvSecretStore } from './local-env-store.js';
export { localFileSecretStore } from './local-file-store.js';
export type { AnySecretStoreType, SecretStore, SecretStoreType } from './secret-store.js';
export { defineSecretStoreType } from './secret-store.js';

/** The secret store types every runtime knows. */
export const builtInSecretStores: readonly AnySecretStoreType[] = [localEnvSecretStore, localFileSecretStore];
