import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textReader } from '../../../src/http/readers/index.js';
import { httpErrorWith } from './assert-http-error.js';
import { readWith } from './fake-request.js';

const reader = textReader();

test('reads UTF-8 text by default', async () => {
  const { value } = await readWith(reader, { contentType: 'text/plain', body: 'héllo' });
  assert.equal(value, 'héllo');
});

test('decodes the declared charset', async () => {
  const { value } = await readWith(reader, {
    contentType: 'text/plain; charset=latin1',
    body: Buffer.from([0x68, 0xe9]),
  });
  assert.equal(value, 'hé');
  const utf16 = await readWith(reader, {
    contentType: 'text/plain; charset=utf-16le',
    body: Buffer.from('ok', 'utf16le'),
  });
  assert.equal(utf16.value, 'ok');
});

test('an unknown charset is 415, bytes invalid in the charset are 400', async () => {
  await assert.rejects(
    readWith(reader, { contentType: 'text/plain; charset=klingon', body: 'x' }),
    httpErrorWith(415, 'BND_ERR_UNSUPPORTED_MEDIA_TYPE', /klingon/),
  );
  await assert.rejects(
    readWith(reader, { contentType: 'text/plain', body: Buffer.from([0xc3, 0x28]) }),
    httpErrorWith(400, 'BND_ERR_MALFORMED_BODY'),
  );
});

test('an empty body is absent', async () => {
  const { value } = await readWith(reader, { contentType: 'text/plain', body: '', chunked: true });
  assert.equal(value, undefined);
});
