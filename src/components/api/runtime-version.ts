import { packageRoot } from '../../http/package-root.js';

/** Bindery's version, from its package.json. Reported where Dapr reports its runtime version. */
export const runtimeVersion: string = packageRoot()?.version ?? 'unknown';
