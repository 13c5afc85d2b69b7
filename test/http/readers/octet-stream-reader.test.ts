import assert from 'node:assert/strict';
import { test } from 'node:test';
import { octetStreamReader } from '../../../src/http/readers/index.js';
import { httpErrorWith } from './assert-http-error.js';
import { readWith } from './fake-request.js';

test('reads the bytes as a Buffer, cached on the state', async () => {
  const bytes = Buffer.from([0, 1, 2, 255]);
  const { value, state } = await readWith(octetStreamReader(), {
    contentType: 'application/octet-stream',
    body: bytes,
  });
  assert.ok(Buffer.isBuffer(value));
  assert.deepEqual(value, bytes);
  assert.equal(state.raw, value);
});

test('over the limit is 413', async () => {
  await assert.rejects(
    readWith(octetStreamReader(), {
      contentType: 'application/octet-stream',
      body: Buffer.alloc(11),
      limits: { bodySize: 10 },
    }),
    httpErrorWith(413, 'BND_ERR_PAYLOAD_TOO_LARGE'),
  );
});
