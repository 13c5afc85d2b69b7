import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  BodyState,
  multipartReader,
  readRawBody,
  resolveBodyLimits,
  UploadedFile,
} from '../../../src/http/readers/index.js';
import { httpErrorWith } from './assert-http-error.js';
import { fakeRequest, type ReadOptions, readWith } from './fake-request.js';
import { multipartBody, multipartType, type Part } from './multipart-body.js';

const dir = mkdtempSync(join(tmpdir(), 'bindery-multipart-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const reader = multipartReader({ tmpDir: dir });

function read(parts: readonly Part[], options: Partial<ReadOptions> = {}) {
  return readWith(reader, { contentType: multipartType, body: multipartBody(parts), ...options });
}

test('fields are strings, repeated names arrays, files UploadedFiles', async () => {
  const { value, state } = await read([
    { name: 'title', value: 'Holiday' },
    { name: 'tag', value: 'a' },
    { name: 'tag', value: 'b' },
    { name: 'photo', filename: 'beach.png', type: 'image/PNG', value: Buffer.from([1, 2, 3]) },
  ]);
  const form = value as Record<string, unknown>;
  assert.equal(form.title, 'Holiday');
  assert.deepEqual(form.tag, ['a', 'b']);
  const photo = form.photo as UploadedFile;
  assert.ok(photo instanceof UploadedFile);
  assert.deepEqual(
    [photo.field, photo.name, photo.type, photo.size, photo.path],
    ['photo', 'beach.png', 'image/png', 3, undefined],
  );
  assert.deepEqual(await photo.buffer(), Buffer.from([1, 2, 3]));
  assert.equal(state.streamed, true);
  assert.equal(state.raw, undefined);
});

test('a file above the memory threshold is spooled to a temp file that cleanup removes', async () => {
  const data = Buffer.alloc(200_000, 7);
  const { value, cleanups } = await read([{ name: 'doc', filename: 'big.bin', value: data }], {
    limits: { fileMemory: 1024 },
  });
  const file = (value as Record<string, UploadedFile>).doc!;
  assert.equal(file.size, data.length);
  assert.ok(file.path?.startsWith(dir));
  assert.ok(existsSync(file.path!));
  assert.deepEqual(await file.buffer(), data);
  const streamed: Buffer[] = [];
  for await (const chunk of file.stream()) streamed.push(chunk as Buffer);
  assert.deepEqual(Buffer.concat(streamed), data);
  for (const cleanup of cleanups) await cleanup();
  assert.equal(existsSync(file.path!), false);
});

test('an empty file input (no name, no bytes) is absent', async () => {
  const { value } = await read([
    { name: 'title', value: 'x' },
    { name: 'photo', filename: '', value: '' },
  ]);
  assert.deepEqual(Object.keys(value as object), ['title']);
});

test('text() and toJSON() describe the file', async () => {
  const { value } = await read([{ name: 'note', filename: 'n.txt', type: 'text/plain', value: 'hi there' }]);
  const file = (value as Record<string, UploadedFile>).note!;
  assert.equal(await file.text(), 'hi there');
  assert.deepEqual(JSON.parse(JSON.stringify(file)), {
    field: 'note',
    name: 'n.txt',
    type: 'text/plain',
    size: 8,
  });
});

test('a file over the per-file limit is 413 and its temp file is registered for cleanup', async () => {
  const cleanups: (() => unknown)[] = [];
  await assert.rejects(
    read([{ name: 'doc', filename: 'big.bin', value: Buffer.alloc(5000) }], {
      limits: { fileSize: 4000, fileMemory: 100 },
      cleanups,
    }),
    httpErrorWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE', /"big.bin" in field "doc" is larger than/),
  );
  assert.equal(cleanups.length, 1);
  for (const cleanup of cleanups) await cleanup();
  assert.deepEqual(readdirSync(dir), []);
});

test('a body over the total limit is 413', async () => {
  await assert.rejects(
    read([{ name: 'doc', filename: 'big.bin', value: Buffer.alloc(3000) }], { limits: { bodySize: 2048 } }),
    httpErrorWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE', /2 KiB limit/),
  );
});

test('part, file and field counts and field sizes have limits', async () => {
  const three = [
    { name: 'a', value: '1' },
    { name: 'b', value: '2' },
    { name: 'c', value: '3' },
  ];
  await assert.rejects(
    read(three, { limits: { parts: 2 } }),
    httpErrorWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE', /more than 2 parts/),
  );
  await assert.rejects(
    read(three, { limits: { fields: 2 } }),
    httpErrorWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE', /more than 2 fields/),
  );
  const files = [
    { name: 'f', filename: 'a', value: 'x' },
    { name: 'f', filename: 'b', value: 'y' },
  ];
  await assert.rejects(
    read(files, { limits: { files: 1 } }),
    httpErrorWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE', /more than 1 files/),
  );
  await assert.rejects(
    read([{ name: 'long', value: 'x'.repeat(100) }], { limits: { fieldSize: 10 } }),
    httpErrorWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE', /"long" is larger than the 10 bytes limit/),
  );
});

test('a body that stops before its closing boundary is 400', async () => {
  const truncated = multipartBody([{ name: 'a', value: '1' }], { end: false });
  await assert.rejects(
    readWith(reader, { contentType: multipartType, body: truncated }),
    httpErrorWith(400, 'BND_ERR_MALFORMED_BODY', /multipart/),
  );
});

test('a Content-Type without a boundary is 400', async () => {
  await assert.rejects(
    readWith(reader, { contentType: 'multipart/form-data', body: 'whatever' }),
    httpErrorWith(400, 'BND_ERR_MALFORMED_BODY', /[Bb]oundary/),
  );
});

test('a connection that breaks off mid-file is 400 and its temp file goes with the cleanup', async () => {
  const body = multipartBody([{ name: 'doc', filename: 'x.bin', value: Buffer.alloc(50_000) }]).subarray(
    0,
    30_000,
  );
  const cleanups: (() => unknown)[] = [];
  await assert.rejects(
    readWith(reader, {
      contentType: multipartType,
      body,
      headers: { 'content-length': '50000' },
      abort: true,
      limits: { fileMemory: 100 },
      cleanups,
    }),
    httpErrorWith(400, 'BND_ERR_BAD_REQUEST', /ended before/),
  );
  assert.equal(cleanups.length, 1);
  for (const cleanup of cleanups) await cleanup();
  assert.deepEqual(readdirSync(dir), []);
});

test('a gzip-encoded multipart body is decoded', async () => {
  const body = gzipSync(multipartBody([{ name: 'a', value: 'zipped' }]));
  const { value } = await readWith(reader, {
    contentType: multipartType,
    body,
    headers: { 'content-encoding': 'gzip' },
  });
  assert.equal((value as Record<string, string>).a, 'zipped');
});

test('a body some earlier reader buffered is parsed from the cached bytes', async () => {
  const body = multipartBody([{ name: 'a', value: 'cached' }]);
  const req = fakeRequest({ body, headers: { 'content-type': multipartType } });
  const state = new BodyState();
  await readRawBody(req, 10_000, state);
  const value = await reader.read(req, {
    contentType: 'multipart/form-data',
    params: { boundary: '----bindery-test-boundary' },
    limits: resolveBodyLimits({}),
    body: state,
    defer: () => {},
  });
  assert.equal((value as Record<string, string>).a, 'cached');
  assert.equal(state.streamed, false);
});
