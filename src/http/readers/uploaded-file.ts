import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';

/** Where a file's bytes are: in memory (small files) or in a temp file (spooled). */
export type FileContent =
  | { readonly kind: 'memory'; readonly bytes: Buffer }
  | { readonly kind: 'disk'; readonly path: string };

/**
 * A file part of a multipart body. Small files are held in memory, larger ones were spooled to a
 * temp file while the body streamed in; the temp file is removed when the request ends, so copy
 * or move it (`rename`) during the request to keep it.
 */
export class UploadedFile {
  /** The form field the file came in. */
  readonly field: string;
  /** The file name the client sent (may be empty; never trust it as a path). */
  readonly name: string;
  /** The part's declared media type (`image/png`), lower-case. */
  readonly type: string;
  /** Size in bytes. */
  readonly size: number;
  private readonly content: FileContent;

  constructor(field: string, name: string, type: string, size: number, content: FileContent) {
    this.field = field;
    this.name = name;
    this.type = type;
    this.size = size;
    this.content = content;
  }

  /** The temp file holding the bytes, or undefined when they are in memory. */
  get path(): string | undefined {
    return this.content.kind === 'disk' ? this.content.path : undefined;
  }

  /** All bytes at once (read from the temp file when spooled). */
  buffer(): Promise<Buffer> {
    return this.content.kind === 'memory' ? Promise.resolve(this.content.bytes) : readFile(this.content.path);
  }

  /** The bytes as text in the given encoding (UTF-8 by default). */
  async text(encoding: BufferEncoding = 'utf8'): Promise<string> {
    return (await this.buffer()).toString(encoding);
  }

  /** A fresh stream of the bytes; each call starts from the beginning. */
  stream(): Readable {
    return this.content.kind === 'memory'
      ? Readable.from([this.content.bytes])
      : createReadStream(this.content.path);
  }

  toJSON(): { field: string; name: string; type: string; size: number } {
    return { field: this.field, name: this.name, type: this.type, size: this.size };
  }
}
