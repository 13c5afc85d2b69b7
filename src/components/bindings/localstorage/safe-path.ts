import { lstat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep, win32 } from 'node:path';
import { RefusedRequestError } from '../../binding-error.js';

/**
 * A file name localstorage refuses: one that would leave the root (`../`, an absolute path), one
 * that goes through a symbolic link, or one that names something other than a file or folder.
 */
export class PathEscapeError extends RefusedRequestError {
  constructor(fileName: string, reason?: string) {
    super(reason === undefined ? fileName : `fileName ${JSON.stringify(fileName)} ${reason}`);
    this.name = 'PathEscapeError';
  }
}

export interface SafePath {
  /** Absolute path of the file, inside the root. */
  readonly absolute: string;
  /** Path relative to the root, as the create response and error texts show it. */
  readonly relative: string;
}

/**
 * Places a request's file name under the root, refusing instead of clamping (Dapr silently
 * clamps `../x` to `x`, which hides mistakes): absolute names, names that climb out, and names
 * with a symbolic link anywhere below the root are errors. Links are refused outright rather
 * than resolved and compared: a dangling link has no real path to compare, yet writing through
 * it creates its target wherever it points.
 */
export async function safeJoin(root: string, fileName: string): Promise<SafePath> {
  if (fileName.includes('\0')) throw new PathEscapeError(fileName, 'contains a NUL byte');
  if (isAbsolute(fileName) || win32.isAbsolute(fileName)) {
    throw new PathEscapeError(fileName, 'must be relative to rootPath, not absolute');
  }
  const absolute = resolve(root, fileName);
  if (!isInside(root, absolute)) throw new PathEscapeError(fileName, 'escapes rootPath');
  const rel = relative(root, absolute);
  await refuseLinks(root, rel, fileName);
  return { absolute, relative: rel || '.' };
}

/** Checks each existing component below the root, stopping at the first that does not exist. */
async function refuseLinks(root: string, rel: string, fileName: string): Promise<void> {
  if (rel === '') return;
  let current = root;
  const parts = rel.split(sep);
  for (let i = 0; i < parts.length; i++) {
    current = `${current}${sep}${parts[i]}`;
    let info: Awaited<ReturnType<typeof lstat>>;
    try {
      info = await lstat(current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      throw error;
    }
    if (info.isSymbolicLink()) {
      const link = parts.slice(0, i + 1).join('/');
      throw new PathEscapeError(
        fileName,
        `goes through the symbolic link ${JSON.stringify(link)}; localstorage follows no links`,
      );
    }
  }
}

/** What a path holds when it is neither a file nor a folder, for the refusal's text. */
export function specialKind(info: {
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): string | undefined {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return undefined;
}

export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}
