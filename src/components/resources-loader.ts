import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { StartupError } from '../http/startup-error.js';
import type { ComponentSpec } from './component-spec.js';

/**
 * Reads the component files of each resources path: the `.yaml`/`.yml` files directly inside it
 * (no recursion, like Dapr's disk loader), in name order so loading is reproducible. A file or a
 * document that cannot be read is logged and skipped; it never stops the others. A resources path
 * that is not a readable folder stops start-up: a typo must not give a sidecar without components.
 */
export async function loadResources(paths: readonly string[], logger: Logger): Promise<ComponentSpec[]> {
  const specs: ComponentSpec[] = [];
  // The YAML parser loads with the first file: an app without component files never loads it.
  let parse: typeof import('./component-file.js').parseComponentFile | undefined;
  for (const dir of paths) {
    let names: string[];
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      names = entries
        .filter((e) => (e.isFile() || e.isSymbolicLink()) && /\.ya?ml$/i.test(e.name))
        .map((e) => e.name)
        .sort();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason =
        code === 'ENOENT'
          ? 'it does not exist'
          : code === 'ENOTDIR'
            ? 'it is not a folder'
            : (error as Error).message;
      throw new StartupError('BND_ERR_COMPONENT_LOAD', `cannot read resources path ${dir}: ${reason}`);
    }
    for (const name of names) {
      const file = join(dir, name);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        logger.error({ file, err: error }, `cannot read component file ${file}: ${(error as Error).message}`);
        continue;
      }
      parse ??= (await import('./component-file.js')).parseComponentFile;
      const result = parse(text, file);
      for (const problem of result.problems) logger.error({ file }, `skipped component: ${problem}`);
      specs.push(...result.specs);
    }
  }
  return specs;
}
