import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of Bindery's own package.json, found by walking up from this module: the same
 * answer from the sources (src/http) and from the build, where this code sits in a shared chunk
 * whose folder says nothing about the package layout.
 */
export function packageRoot(): { readonly dir: string; readonly version: string } | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'binderyjs' && typeof pkg.version === 'string') return { dir, version: pkg.version };
    } catch {
      // No package.json at this level: keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
