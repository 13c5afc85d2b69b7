import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep, win32 } from 'node:path';

/** A file name that would leave the root (`../`, an absolute path, a symlink pointing out). */
export class PathEscapeError extends Error {
  constructor(fileName: string, reason: string) {
    super(`fileName ${JSON.stringify(fileName)} ${reason}`);
    this.name = 'PathEscapeError';
  }
}

export interface SafePath {
  /** Absolute path of the file, inside the root. */
  readonly absolute: string;
  /** Path relative to the root, as the create response reports it. */
  readonly relative: string;
}

/**
 * Places a request's file name under the root, refusing instead of clamping (Dapr silently
 * clamps `../x` to `x`, which hides mistakes): absolute names, names that climb out, and names
 * whose existing part resolves through a symlink to somewhere outside the root are errors.
 */
export async function safeJoin(root: string, fileName: string): Promise<SafePath> {
  if (fileName.includes('\0')) throw new PathEscapeError(fileName, 'contains a NUL byte');
  if (isAbsolute(fileName) || win32.isAbsolute(fileName)) {
    throw new PathEscapeError(fileName, 'must be relative to rootPath, not absolute');
  }
  const absolute = resolve(root, fileName);
  if (!isInside(root, absolute)) throw new PathEscapeError(fileName, 'escapes rootPath');
  const real = await realpathOfExisting(absolute);
  if (!isInside(root, real))
    throw new PathEscapeError(fileName, 'resolves through a symbolic link outside rootPath');
  return { absolute, relative: relative(root, absolute) || '.' };
}

/** The real path of `path`, or of its deepest existing ancestor with the rest appended. */
async function realpathOfExisting(path: string): Promise<string> {
  let current = path;
  const rest: string[] = [];
  for (;;) {
    try {
      const real = await realpath(current);
      return rest.length === 0 ? real : resolve(real, ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = dirname(current);
      if (parent === current) return path;
      rest.push(current.slice(parent.length).replace(/^[\\/]+/, ''));
      current = parent;
    }
  }
}

export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}
