import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
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
import { isInside, safeJoin } from './safe-path.js';

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
      throw new Error(`error getting absolute path for file ${fileName}: ${error.message}`);
    });
    switch (request.operation) {
      case 'create':
        return this.create(path.absolute, path.relative, request.data, request.signal);
      case 'get':
        return this.get(path.absolute, request.signal);
      case 'list':
        return this.list(path.absolute);
      case 'delete':
        return this.delete(path.absolute);
    }
  }

  async close(): Promise<void> {}

  // Reads and writes take the call's signal: past the deadline libuv stops between chunks.
  private async create(
    absolute: string,
    relative: string,
    data: Uint8Array,
    signal: AbortSignal,
  ): Promise<InvokeResponse> {
    const content = this.decodeBase64 ? daprDecode(data) : data;
    const dir = dirname(absolute);
    await mkdir(dir, { recursive: true }).catch((error: unknown) => {
      throw new Error(`error creating directory ${dir}: ${goText(error)}`);
    });
    await writeFile(absolute, content, { signal }).catch((error: unknown) => {
      throw new Error(`error creating file ${absolute}: ${goPathError('open', absolute, error)}`);
    });
    this.context.logger.debug({ file: absolute, bytes: content.length }, 'wrote file');
    return { data: toBytes(JSON.stringify({ fileName: relative })), metadata: {} };
  }

  private async get(absolute: string, signal: AbortSignal): Promise<InvokeResponse> {
    try {
      return { data: new Uint8Array(await readFile(absolute, { signal })), metadata: {} };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new Error(`file not found: ${absolute}`);
      if (code === 'EISDIR')
        throw new Error(`error reading file ${absolute}: ${goPathError('read', absolute, error)}`);
      throw new Error(`error opening path ${absolute}: ${goPathError('open', absolute, error)}`);
    }
  }

  private async list(absolute: string): Promise<InvokeResponse> {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(absolute);
    } catch (error) {
      throw new Error(`error getting stats for path ${absolute}: ${goPathError('stat', absolute, error)}`);
    }
    if (!info.isDirectory()) {
      throw new Error(`unable to list files as the file specified is not a directory: ${absolute}`);
    }
    const files = await walk(absolute);
    // Go marshals the empty (nil) slice as null; Dapr clients see exactly that.
    return { data: toBytes(files.length === 0 ? 'null' : JSON.stringify(files)), metadata: {} };
  }

  private async delete(absolute: string): Promise<null> {
    if (absolute === this.root)
      throw new Error(`error deleting file ${absolute}: refusing to delete rootPath itself`);
    try {
      await rm(absolute);
    } catch (error) {
      throw new Error(`error deleting file ${absolute}: ${goPathError('remove', absolute, error)}`);
    }
    this.context.logger.debug({ file: absolute }, 'removed file');
    return null;
  }
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
