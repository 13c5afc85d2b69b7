import { StartupError } from './startup-error.js';

/** What a missing optional peer is needed for, to name in the error. */
export interface OptionalPeer {
  /** The npm package, as `npm install` takes it (`ioredis`, `@grpc/grpc-js`). */
  readonly name: string;
  /** Who needs it: `redis binding "cache"`, `the sidecar's gRPC API`. */
  readonly usedBy: string;
  /** Packages installed together with it, when the user needs more than one. */
  readonly with?: readonly string[];
}

/**
 * Loads an optional peer dependency on first use. Drivers and client libraries are optional
 * peers so an application installs only those its components need; a missing one surfaces at
 * startup as a BND_ERR_MISSING_PEER error naming its user and the exact `npm install` line.
 * The caller passes its own `import()` so the module keeps its static type and bundlers see it.
 * A package that is installed but fails while loading keeps its own error.
 */
export async function loadOptionalPeer<T>(peer: OptionalPeer, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!isMissing(error, peer.name)) throw error;
    const install = ['npm install', peer.name, ...(peer.with ?? [])].join(' ');
    throw new StartupError(
      'BND_ERR_MISSING_PEER',
      `${peer.usedBy} needs the package ${peer.name}, which is not installed: ${install}`,
      { cause: error },
    );
  }
}

/** Whether the import failed because this very package cannot be found (not one of its deps). */
function isMissing(error: unknown, name: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  return error.message.includes(`'${name}'`) || error.message.includes(`"${name}"`);
}
