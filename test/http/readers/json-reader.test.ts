import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BodyState,
  jsonReader,
  type ReaderContext,
  readRawBody,
  resolveBodyLimits,
} from '../../../src/http/readers/index.js';
import { httpErrorWith } from './assert-http-error.js';
import { fakeRequest, readWith } from './fake-request.js';

const reader = jsonReader();

test('parses a JSON body and keeps its bytes on the body state', async () => {
  const { value, state } = await readWith(reader, { contentType: 'application/json', body: '{"a":[1,2]}' });
  assert.deepEqual(value, { a: [1, 2] });
  assert.equal(state.raw?.toString(), '{"a":[1,2]}');
});

test('a byte order mark is ignored', async () => {
  const { value } = await readWith(reader, { contentType: 'application/json', body: '\uFEFF{"a":1}' });
  assert.deepEqual(value, { a: 1 });
});

test('an empty body is absent, not an error', async () => {
  const { value } = await readWith(reader, { contentType: 'application/json', body: '', chunked: true });
  assert.equal(value, undefined);
});

test('malformed JSON is 400 with the position, line and column', async () => {
  await assert.rejects(
    readWith(reader, { contentType: 'application/json', body: '{\n  "a": 1,\n  "b": }' }),
    httpErrorWith(400, 'BND_ERR_MALFORMED_BODY', /position 19 \(line 3, column 8\): unexpected "}"/),
  );
  await assert.rejects(
    readWith(reader, { contentType: 'application/json', body: '{"a": [1, 2' }),
    httpErrorWith(400, 'BND_ERR_MALFORMED_BODY', /position 11 .*end of the body/),
  );
});

test('the position is also on the problem as extensions', async () => {
  try {
    await readWith(reader, { contentType: 'application/json', body: '[1,,2]' });
    assert.fail('expected a rejection');
  } catch (error) {
    const problem = (error as { toProblem(): Record<string, unknown> }).toProblem();
    assert.equal(problem.position, 3);
    assert.equal(problem.line, 1);
    assert.equal(problem.column, 4);
  }
});

test('prototype-poisoning keys are refused', async () => {
  for (const body of ['{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}']) {
    await assert.rejects(
      readWith(reader, { contentType: 'application/json', body }),
      httpErrorWith(400, 'BND_ERR_MALFORMED_BODY', /forbidden/),
    );
  }
});

test('a charset other than UTF-8 is 415', async () => {
  await assert.rejects(
    readWith(reader, { contentType: 'application/json; charset=utf-16', body: '{}' }),
    httpErrorWith(415, 'BND_ERR_UNSUPPORTED_MEDIA_TYPE', /utf-16/),
  );
  const { value } = await readWith(reader, { contentType: 'application/json; charset=UTF-8', body: '{}' });
  assert.deepEqual(value, {});
});

test('bytes that are not UTF-8 are 400', async () => {
  await assert.rejects(
    readWith(reader, { contentType: 'application/json', body: Buffer.from([0x22, 0xff, 0xfe, 0x22]) }),
    httpErrorWith(400, 'BND_ERR_MALFORMED_BODY', /UTF-8/),
  );
});

test('over the body limit is 413', async () => {
  await assert.rejects(
    readWith(reader, {
      contentType: 'application/json',
      body: `"${'x'.repeat(200)}"`,
      limits: { bodySize: 100 },
    }),
    httpErrorWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE'),
  );
});

test('escaped poisoning keys are refused too', async () => {
  for (const body of ['{"\\u005f_proto__":{"admin":true}}', '{"__pr\\u006fto__":{"a":1}}']) {
    await assert.rejects(
      readWith(reader, { contentType: 'application/json', body }),
      httpErrorWith(400, 'BND_ERR_MALFORMED_BODY', /forbidden/),
    );
  }
  const { value } = await readWith(reader, {
    contentType: 'application/json',
    body: '{"name":"caf\\u00e9","protocol":"x"}',
  });
  assert.deepEqual(value, { name: 'café', protocol: 'x' });
});

function readerContext(state: BodyState, bodySize = 1024): ReaderContext {
  return {
    contentType: 'application/json',
    params: {},
    limits: resolveBodyLimits({ bodySize }),
    body: state,
    defer: () => {},
  };
}

test('a raw read started while the JSON body is read shares its pass and gets the same bytes', async () => {
  const req = fakeRequest({ body: ['{"a":', '1}'], headers: { 'content-type': 'application/json' } });
  const state = new BodyState();
  const parsed = reader.read(req, readerContext(state));
  assert.ok(state.pending instanceof Promise);
  const [value, bytes] = await Promise.all([parsed, readRawBody(req, 1024, state)]);
  assert.deepEqual(value, { a: 1 });
  assert.equal(bytes, state.raw);
  assert.equal(bytes.toString(), '{"a":1}');
  assert.equal(state.pending, undefined);
});

test('a raw read waiting on a JSON read that fails fails the same way', async () => {
  const req = fakeRequest({ body: ['{"a":', '"', 'x'.repeat(100), '"}'], chunked: true });
  const state = new BodyState();
  const parsed = reader.read(req, readerContext(state, 10));
  const shared = state.pending;
  assert.ok(shared instanceof Promise);
  await assert.rejects(parsed, httpErrorWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE'));
  await assert.rejects(shared, httpErrorWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE'));
  assert.equal(state.pending, shared);
});

test('a raw read asked for after a JSON read failed fails the same way, without waiting', async () => {
  const req = fakeRequest({ body: ['{"a":', '"', 'x'.repeat(100), '"}'], chunked: true });
  const state = new BodyState();
  await assert.rejects(
    reader.read(req, readerContext(state, 10)),
    httpErrorWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE'),
  );
  await assert.rejects(readRawBody(req, 10, state), httpErrorWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE'));
});

test('malformed JSON fails the read, but its bytes are kept for a later reader', async () => {
  const req = fakeRequest({ body: '{"a":', headers: { 'content-type': 'application/json' } });
  const state = new BodyState();
  await assert.rejects(reader.read(req, readerContext(state)), httpErrorWith(400, 'BND_ERR_MALFORMED_BODY'));
  assert.equal((await readRawBody(req, 1024, state)).toString(), '{"a":');
});
