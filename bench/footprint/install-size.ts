import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface InstallSize {
  /** Bytes of every file under node_modules (apparent size, as a tarball would carry them). */
  readonly bytes: number;
  /** Installed packages, nested copies included; the root project is not one. */
  readonly packages: number;
}

/** Walks a project's node_modules and measures what `npm install` put there. */
export function installSize(projectDir: string): InstallSize {
  let bytes = 0;
  let packages = 0;
  const walk = (dir: string, parentIsNodeModules: boolean, scope: boolean): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        // npm's own bookkeeping and the bin links are not packages.
        if (parentIsNodeModules && entry.name.startsWith('.')) {
          walk(full, false, false);
          continue;
        }
        const isScope = parentIsNodeModules && entry.name.startsWith('@');
        if ((parentIsNodeModules && !isScope) || scope) packages += 1;
        walk(full, entry.name === 'node_modules', isScope);
      } else {
        bytes += lstatSync(full).size;
      }
    }
  };
  walk(join(projectDir, 'node_modules'), true, false);
  return { bytes, packages };
}
