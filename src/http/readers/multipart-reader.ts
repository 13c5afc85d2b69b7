import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished, Readable } from 'node:stream';
import { finished as streamDone } from 'node:stream/promises';
import type busboy from 'busboy';
import { httpError } from '../http-error.js';
import { StartupError } from '../startup-error.js';
import { formatBytes } from './body-limits.js';
import { decodedBody } from './decoded-stream.js';
import type { EntityReader, ReaderContext } from './entity-reader.js';
import { addFormValue, emptyFormRecord, type FormValue } from './form-record.js';
import { UploadedFile } from './uploaded-file.js';

export interface MultipartOptions {
  /** Where large files are spooled; the system temp directory by default. */
  readonly tmpDir?: string;
}

/**
 * `multipart/form-data`, streamed: fields become strings, file parts become UploadedFiles held
 * in memory up to `limits.fileMemory` bytes and spooled to a temp file beyond that, so the
 * body is never buffered whole. Every limit (total size, per file, per field, part counts)
 * answers 413; a body that breaks off or has no boundary answers 400. A file input left empty
 * (no name, no bytes) is treated as absent, as browsers send one for every file input.
 */
export function multipartReader(
  options: MultipartOptions = {},
  mediaTypes: readonly string[] = ['multipart/form-data'],
): EntityReader {
  return {
    mediaTypes,
    form: true,
    read: (req, ctx) => readMultipart(req, ctx, options.tmpDir ?? tmpdir()),
  };
}

const noop = (): void => {};

async function readMultipart(req: IncomingMessage, ctx: ReaderContext, dir: string): Promise<unknown> {
  const state = ctx.body;
  if (state.pending !== undefined) await state.pending.catch(noop);
  if (state.streamed)
    throw new StartupError(
      'BND_ERR_BODY_CONSUMED',
      'the request body was already streamed by another reader',
    );
  const { limits } = ctx;
  // Loaded with the first multipart body: most services never receive one.
  const { default: createParser } = await import('busboy');
  let parser: busboy.Busboy;
  try {
    parser = createParser({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: {
        fileSize: limits.fileSize,
        files: limits.files,
        fields: limits.fields,
        parts: limits.parts,
        fieldSize: limits.fieldSize,
      },
    });
  } catch (error) {
    throw httpError(
      'BND_ERR_MALFORMED_BODY',
      `The multipart body cannot be read: ${(error as Error).message}`,
    );
  }
  // A body some earlier reader already buffered is parsed from those bytes; otherwise the stream
  // is read once, here, and marked so nobody tries to buffer it afterwards.
  const cached = state.raw;
  const decoded = cached === undefined ? decodedBody(req) : undefined;
  if (cached === undefined) state.streamed = true;
  const source = cached === undefined ? decoded!.stream : Readable.from([cached]);

  return new Promise((resolve, reject) => {
    const form = emptyFormRecord<FormValue>();
    const files: Promise<[string, UploadedFile | undefined]>[] = [];
    let total = 0;
    let settled = false;

    const stopReq =
      cached === undefined
        ? finished(req, (error) => {
            if (error !== undefined && error !== null)
              fail(
                httpError('BND_ERR_BAD_REQUEST', 'The multipart body ended before all of it was received'),
              );
          })
        : noop;

    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > limits.bodySize)
        fail(tooLarge(`The request body is larger than the ${formatBytes(limits.bodySize)} limit`));
    };

    function fail(error: unknown): void {
      if (settled) return;
      settled = true;
      stopReq();
      source.off('data', onData);
      source.unpipe(parser);
      // Busboy still touches its state after emitting a limit event, so it is destroyed once
      // the current write has returned.
      process.nextTick(() => parser.destroy());
      decoded?.decoder?.destroy();
      if (cached === undefined) req.pause();
      reject(error);
    }

    parser.on('field', (name, value, info) => {
      if (info.nameTruncated) return fail(tooLarge('A multipart field name is longer than 100 bytes'));
      if (info.valueTruncated) {
        return fail(
          tooLarge(`The multipart field "${name}" is larger than the ${formatBytes(limits.fieldSize)} limit`),
        );
      }
      addFormValue(form, name, value);
    });
    parser.on('file', (name, stream, info) => {
      if (settled) {
        stream.on('error', noop);
        stream.resume();
        return;
      }
      stream.on('limit', () =>
        fail(
          tooLarge(
            `The file "${info.filename}" in field "${name}" is larger than the ${formatBytes(limits.fileSize)} limit`,
          ),
        ),
      );
      const entry = spool(name, stream, info, ctx, dir).then((file): [string, UploadedFile | undefined] => [
        name,
        file,
      ]);
      entry.catch(noop);
      files.push(entry);
    });
    parser.on('partsLimit', () => fail(tooLarge(`The multipart body has more than ${limits.parts} parts`)));
    parser.on('filesLimit', () => fail(tooLarge(`The multipart body has more than ${limits.files} files`)));
    parser.on('fieldsLimit', () =>
      fail(tooLarge(`The multipart body has more than ${limits.fields} fields`)),
    );
    parser.on('error', (error: Error) =>
      fail(
        decoded?.coding
          ? httpError('BND_ERR_MALFORMED_BODY', `The request body is not valid ${decoded.coding} data`)
          : httpError('BND_ERR_MALFORMED_BODY', `The multipart body is malformed: ${error.message}`),
      ),
    );
    decoded?.decoder?.on('error', () =>
      fail(httpError('BND_ERR_MALFORMED_BODY', `The request body is not valid ${decoded.coding} data`)),
    );
    parser.on('close', () => {
      Promise.all(files).then((list) => {
        if (settled) return;
        settled = true;
        stopReq();
        source.off('data', onData);
        for (const [name, file] of list) if (file !== undefined) addFormValue(form, name, file);
        resolve(form);
      }, fail);
    });
    source.on('data', onData);
    source.pipe(parser);
  });
}

/**
 * Removes a temp file once its stream has let go of it. A request cut off mid-file runs its
 * cleanups while the file's open may still be under way in the thread pool; removing it before
 * the open lands would leave the file behind.
 */
async function removeWhenClosed(writer: WriteStream, path: string): Promise<void> {
  if (!writer.closed) {
    const closed = once(writer, 'close').catch(noop);
    writer.destroy();
    await closed;
  }
  await rm(path, { force: true });
}

function tooLarge(detail: string): Error {
  return httpError('BND_ERR_PAYLOAD_TOO_LARGE', detail);
}

/** Holds a file part in memory until it passes the threshold, then writes it to a temp file. */
async function spool(
  field: string,
  stream: Readable,
  info: busboy.FileInfo,
  ctx: ReaderContext,
  dir: string,
): Promise<UploadedFile | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let writer: WriteStream | undefined;
  let path = '';
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (writer !== undefined) {
        if (!writer.write(chunk)) await once(writer, 'drain');
        continue;
      }
      chunks.push(chunk);
      if (size > ctx.limits.fileMemory) {
        path = join(dir, `bindery-upload-${randomUUID()}`);
        writer = createWriteStream(path, { flags: 'wx', mode: 0o600 });
        // Failures surface through `once` and `streamDone`; this listener only keeps an error
        // emitted between writes from going unhandled.
        writer.on('error', noop);
        const [opened, target] = [writer, path];
        ctx.defer(() => removeWhenClosed(opened, target));
        for (const held of chunks) if (!writer.write(held)) await once(writer, 'drain');
        chunks.length = 0;
      }
    }
    if (writer !== undefined) {
      writer.end();
      await streamDone(writer);
    }
  } catch (error) {
    writer?.destroy();
    throw error;
  }
  const type = info.mimeType.toLowerCase();
  if (writer !== undefined)
    return new UploadedFile(field, info.filename ?? '', type, size, { kind: 'disk', path });
  if (size === 0 && !info.filename) return undefined;
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
  return new UploadedFile(field, info.filename ?? '', type, size, { kind: 'memory', bytes });
}
