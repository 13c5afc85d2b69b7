import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { BodyState, readRawBody } from '../../../src/http/readers/index.js';
import { httpErrorWith as rejectsWith } from './assert-http-error.js';
import { fakeRequest } from './fake-request.js';

test('reads the whole body across chunks', async () => {
  const req = fakeRequest({ body: ['hello ', 'world'] });
  assert.equal((await readRawBody(req, 100, new BodyState())).toString(), 'hello world');
});

test('the bytes are cached: a second read returns them without the stream', async () => {
  const req = fakeRequest({ body: 'once' });
  const state = new BodyState();
  const first = await readRawBody(req, 100, state);
  const second = await readRawBody(req, 100, state);
  assert.equal(second, first);
  assert.equal(state.raw, first);
});

test('a stream that already ended gives no bytes, kept with nothing left pending', async () => {
  const req = fakeRequest({ body: '' });
  req.resume();
  await new Promise((resolve) => req.once('end', resolve));
  const state = new BodyState();
  const bytes = await readRawBody(req, 100, state);
  assert.equal(bytes.length, 0);
  assert.equal(state.raw, bytes);
  assert.equal(state.pending, undefined);
});

test('a read under way is pending until it resolves, then only its bytes are kept', async () => {
  const req = fakeRequest({ body: 'later' });
  const state = new BodyState();
  const read = readRawBody(req, 100, state);
  assert.equal(state.pending, read);
  assert.equal(state.raw, undefined);
  assert.equal((await read).toString(), 'later');
  assert.equal(state.pending, undefined);
});

test('two reads started together share one pass', async () => {
  const req = fakeRequest({ body: 'shared' });
  const state = new BodyState();
  const [a, b] = await Promise.all([readRawBody(req, 100, state), readRawBody(req, 100, state)]);
  assert.equal(a, b);
});

test('a declared length over the limit is refused before reading', async () => {
  const req = fakeRequest({ body: 'x'.repeat(10), headers: { 'content-length': '2048' } });
  await assert.rejects(
    readRawBody(req, 1024, new BodyState()),
    rejectsWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE', /1 KiB limit/),
  );
});

test('a chunked body over the limit is refused as soon as it passes it', async () => {
  const req = fakeRequest({ body: ['a'.repeat(60), 'b'.repeat(60)], chunked: true });
  await assert.rejects(readRawBody(req, 100, new BodyState()), rejectsWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE'));
});

test('a body exactly at the limit is accepted', async () => {
  const req = fakeRequest({ body: 'z'.repeat(100), chunked: true });
  assert.equal((await readRawBody(req, 100, new BodyState())).length, 100);
});

test('gzip, deflate and br bodies are decoded', async () => {
  const text = 'decoded text '.repeat(20);
  for (const [coding, encode] of [
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const) {
    const req = fakeRequest({ body: encode(Buffer.from(text)), headers: { 'content-encoding': coding } });
    assert.equal((await readRawBody(req, 10_000, new BodyState())).toString(), text, coding);
  }
});

test('the limit applies after decoding, so a small bomb stops at the limit', async () => {
  const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
  assert.ok(bomb.length < 100 * 1024);
  const req = fakeRequest({ body: bomb, headers: { 'content-encoding': 'gzip' } });
  await assert.rejects(
    readRawBody(req, 1024 * 1024, new BodyState()),
    rejectsWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE'),
  );
});

test('an unknown Content-Encoding is 415', async () => {
  const req = fakeRequest({ body: 'x', headers: { 'content-encoding': 'zstd' } });
  await assert.rejects(
    readRawBody(req, 100, new BodyState()),
    rejectsWith(415, 'BND_ERR_UNSUPPORTED_MEDIA_TYPE', /zstd/),
  );
});

test('identity is no coding', async () => {
  const req = fakeRequest({ body: 'plain', headers: { 'content-encoding': 'identity' } });
  assert.equal((await readRawBody(req, 100, new BodyState())).toString(), 'plain');
});

test('bytes that are not what the coding says are 400', async () => {
  const req = fakeRequest({ body: 'not gzip at all', headers: { 'content-encoding': 'gzip' } });
  await assert.rejects(
    readRawBody(req, 100, new BodyState()),
    rejectsWith(400, 'BND_ERR_MALFORMED_BODY', /gzip/),
  );
});

test('a body that breaks off is 400, not a crash', async () => {
  const req = fakeRequest({ body: 'partial', headers: { 'content-length': '100' }, abort: true });
  await assert.rejects(
    readRawBody(req, 1000, new BodyState()),
    rejectsWith(400, 'BND_ERR_BAD_REQUEST', /ended before/),
  );
});

test('a body a streaming reader consumed cannot be read again', async () => {
  const state = new BodyState();
  state.streamed = true;
  await assert.rejects(readRawBody(fakeRequest({ body: 'x' }), 100, state), /streamed/);
});
