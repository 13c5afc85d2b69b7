import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, lstat, mkdir, open, readdir, realpath, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type {
  ComponentContext,
  InvokeRequest,
  InvokeResponse,
  OutputBinding,
} from '../../binding-component.js';
import { defineBindingType } from '../../binding-component.js';
import { toBytes } from '../../binding-data.js';
import { defineMetadata, type MetadataValues } from '../../metadata-fields.js';
import { goUnquote } from './go-unquote.js';
import { isInside, PathEscapeError, type SafePath, safeJoin, specialKind } from './safe-path.js';

export const localStorageOperations = ['create', 'get', 'list', 'delete'] as const;
export type LocalStorageOperation = (typeof localStorageOperations)[number];

const fields = defineMetadata({
  rootPath: {
    type: 'string',
    required: true,
    description:
      'Folder the files live in (created if missing); relative paths start at the working directory.',
  },
  decodeBase64: {
    type: 'boolean',
    default: true,
    description:
      "Dapr's create quirk: data that parses as base64 is decoded before it is written (so the word `test` is stored as 3 bytes). Set false to store data exactly as sent.",
  },
});

type Metadata = MetadataValues<typeof fields>;

/** Roots Dapr refuses because they hold the system's or the cluster's secrets. */
const DISALLOWED_ROOTS = ['/proc', '/sys', '/boot', '/var/run/secrets'];
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const EMPTY = new Uint8Array(0);
/**
 * Opening with O_NOFOLLOW makes the last component's link check atomic with the open (ELOOP
 * on a link); O_NONBLOCK keeps opening a named pipe from parking a libuv thread until a writer
 * comes. Both are 0 where the platform lacks them.
 */
const NOFOLLOW = (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const READ_FLAGS = constants.O_RDONLY | NOFOLLOW;
// No O_TRUNC: the file is truncated only after it is known to be a regular file.
const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | NOFOLLOW;

class LocalStorageBinding implements OutputBinding<LocalStorageOperation, Metadata> {
  private root = '';
  private decodeBase64 = true;

  constructor(private readonly context: ComponentContext) {}

  async init(metadata: Metadata): Promise<void> {
    const wanted = resolve(metadata.rootPath);
    try {
      await mkdir(wanted, { recursive: true });
    } catch (error) {
      throw new Error(`unable to create directory specified by 'rootPath' ${wanted}: ${goText(error)}`);
    }
    const info = await stat(wanted);
    if (!info.isDirectory()) throw new Error('property rootPath represents a file and not a directory');
    this.root = await realpath(wanted);
    if (DISALLOWED_ROOTS.some((p) => isInside(p, this.root))) {
      throw new Error('property rootPath points to a disallowed location');
    }
    this.decodeBase64 = metadata.decodeBase64;
    this.context.logger.debug({ rootPath: this.root }, 'localstorage ready');
  }

  operations(): readonly LocalStorageOperation[] {
    return localStorageOperations;
  }

  async invoke(request: InvokeRequest<LocalStorageOperation>): Promise<InvokeResponse | null> {
    const given = request.metadata.fileName ?? '';
    const fileName = given === '' && request.operation === 'create' ? randomUUID() : given;
    const path = await safeJoin(this.root, fileName).catch((error: Error) => {
      const text = `error getting absolute path for file ${fileName}: ${error.message}`;
      throw error instanceof PathEscapeError ? new PathEscapeError(text) : new Error(text);
    });
    switch (request.operation) {
      case 'create':
        return this.create(path, fileName, request.data, request.signal);
      case 'get':
        return this.get(path, fileName, request.signal);
      case 'list':
        return this.list(path);
      case 'delete':
        return this.delete(path);
    }
  }

  async close(): Promise<void> {}

  /** The root folder must still be a folder (a removed or unmounted volume is not ready). */
  async ping(): Promise<void> {
    const info = await stat(this.root);
    if (!info.isDirectory()) throw new Error('rootPath is no longer a directory');
  }

  // Error texts name the file relative to rootPath: they reach clients, and the server's folders
  // are none of a client's business. Reads and writes take the call's signal: past the deadline
  // libuv stops between chunks.
  private async create(
    path: SafePath,
    fileName: string,
    data: Uint8Array,
    signal: AbortSignal,
  ): Promise<InvokeResponse> {
    const content = this.decodeBase64 ? daprDecode(data) : data;
    const { absolute, relative } = path;
    const dir = dirname(absolute);
    await mkdir(dir, { recursive: true }).catch((error: unknown) => {
      throw new Error(`error creating directory ${dirname(relative)}: ${goText(error)}`);
    });
    const handle = await openChecked(absolute, WRITE_FLAGS, fileName).catch((error: unknown) => {
      if (error instanceof PathEscapeError) throw error;
      throw new Error(`error creating file ${relative}: ${goPathError('open', relative, error)}`);
    });
    try {
      await handle.truncate(0);
      await handle.writeFile(content, { signal });
    } catch (error) {
      throw new Error(`error creating file ${relative}: ${goPathError('write', relative, error)}`);
    } finally {
      await handle.close();
    }
    this.context.logger.debug({ file: absolute, bytes: content.length }, 'wrote file');
    return { data: toBytes(JSON.stringify({ fileName: relative })), metadata: {} };
  }

  private async get(path: SafePath, fileName: string, signal: AbortSignal): Promise<InvokeResponse> {
    const { relative } = path;
    let handle: FileHandle;
    try {
      handle = await openChecked(path.absolute, READ_FLAGS, fileName);
    } catch (error) {
      if (error instanceof PathEscapeError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new Error(`file not found: ${relative}`);
      throw new Error(`error opening path ${relative}: ${goPathError('open', relative, error)}`);
    }
    try {
      return { data: new Uint8Array(await handle.readFile({ signal })), metadata: {} };
    } catch (error) {
      throw new Error(`error reading file ${relative}: ${goPathError('read', relative, error)}`);
    } finally {
      await handle.close();
    }
  }

  private async list(path: SafePath): Promise<InvokeResponse> {
    const { absolute, relative } = path;
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await lstat(absolute);
    } catch (error) {
      throw new Error(`error getting stats for path ${relative}: ${goPathError('stat', relative, error)}`);
    }
    if (!info.isDirectory()) {
      throw new Error(`unable to list files as the file specified is not a directory: ${relative}`);
    }
    const files = await walk(absolute);
    // Go marshals the empty (nil) slice as null; Dapr clients see exactly that.
    return { data: toBytes(files.length === 0 ? 'null' : JSON.stringify(files)), metadata: {} };
  }

  private async delete(path: SafePath): Promise<null> {
    const { absolute, relative } = path;
    if (absolute === this.root) throw new Error('error deleting file .: refusing to delete rootPath itself');
    try {
      // rm removes a link itself, never its target; safeJoin refused links on the way anyway.
      await rm(absolute);
    } catch (error) {
      throw new Error(`error deleting file ${relative}: ${goPathError('remove', relative, error)}`);
    }
    this.context.logger.debug({ file: absolute }, 'removed file');
    return null;
  }
}

/**
 * Opens a path that must be a regular file (a folder opens for reading and fails the Go way on
 * read). A link at the last component (ELOOP under O_NOFOLLOW), a named pipe, a socket or a
 * device is refused: reading a pipe would block for good, and a device is no place for data.
 */
async function openChecked(absolute: string, flags: number, fileName: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(absolute, flags, 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') {
      throw new PathEscapeError(fileName, 'is a symbolic link; localstorage follows no links');
    }
    // A socket, or a pipe opened for writing without a reader, fails to open this way.
    if (code === 'ENXIO') {
      const kind = specialKind(await lstat(absolute)) ?? 'a special file';
      throw new PathEscapeError(fileName, `is ${kind}, not a file`);
    }
    throw error;
  }
  const info = await handle.stat();
  const kind = specialKind(info);
  if (kind !== undefined) {
    await handle.close();
    throw new PathEscapeError(fileName, `is ${kind}, not a file`);
  }
  return handle;
}

/** Dapr's create: unquote the data if it is a Go quoted string, then base64-decode it if it parses. */
function daprDecode(data: Uint8Array): Uint8Array {
  let bytes = data;
  const first = bytes[0];
  if (first === 0x22 || first === 0x27 || first === 0x60) {
    const text = decodeUtf8(bytes);
    const unquoted = text === undefined ? undefined : goUnquote(text);
    if (unquoted !== undefined) bytes = unquoted;
  }
  if (bytes.length === 0) return EMPTY;
  // Go's decoder skips CR and LF; anything else outside the alphabet means "not base64".
  const text = Buffer.from(bytes)
    .toString('latin1')
    .replace(/[\r\n]/g, '');
  if (!BASE64.test(text)) return bytes;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Every file below `dir`, depth first in name order, like Go's filepath.Walk; symlinks are not followed. */
async function walk(dir: string): Promise<string[]> {
  const files: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full)));
    else files.push(full);
  }
  return files;
}

const GO_ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTEMPTY: 'directory not empty',
  EEXIST: 'file exists',
};

/** Node's error as Go's *PathError prints it (`remove /a/b: no such file or directory`). */
function goPathError(op: string, path: string, error: unknown): string {
  return `${op} ${path}: ${goText(error)}`;
}

function goText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return (e.code !== undefined ? GO_ERRNO_TEXT[e.code] : undefined) ?? e.message;
}

/** `bindings.localstorage`: files under a root folder. */
export const localStorageBinding = defineBindingType({
  type: 'bindings.localstorage',
  description: 'Reads and writes files under a root folder.',
  operations: localStorageOperations,
  metadata: fields,
  create: (context) => new LocalStorageBinding(context),
});
