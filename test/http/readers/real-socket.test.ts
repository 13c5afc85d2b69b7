import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isHttpError } from '../../../src/http/http-error.js';
import {
  BodyState,
  defaultReaders,
  parseContentType,
  resolveBodyLimits,
} from '../../../src/http/readers/index.js';
import { multipartBody, multipartType } from './multipart-body.js';

// Readers against real sockets: what a client that disconnects, chunks or compresses does to them.
const readers = defaultReaders();
let server: Server;
let port: number;
const outcomes: Promise<string>[] = [];
let nextOutcome: (value: Promise<string>) => void = () => {};

async function readRequest(req: IncomingMessage): Promise<string> {
  const type = parseContentType(req.headers['content-type'] ?? 'application/octet-stream')!;
  const cleanups: (() => unknown)[] = [];
  try {
    const value = await readers.find(type.type)!.read(req, {
      contentType: type.type,
      params: type.params,
      limits: resolveBodyLimits({ bodySize: 1024 * 1024 }),
      body: new BodyState(),
      defer: (cleanup) => cleanups.push(cleanup),
    });
    return `ok ${JSON.stringify(value)}`;
  } catch (error) {
    return isHttpError(error) ? `${error.status} ${error.code}` : `crash ${String(error)}`;
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

before(async () => {
  server = createServer((req, res) => {
    const outcome = readRequest(req);
    nextOutcome(outcome);
    outcomes.push(outcome);
    void outcome.then((text) => {
      if (!res.destroyed) res.end(text);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

after(() => server.close());

function next(): Promise<string> {
  return new Promise((resolve) => {
    nextOutcome = (outcome) => resolve(outcome);
  });
}

function send(headers: Record<string, string>, body: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('a chunked JSON body is read', async () => {
  const answer = await new Promise<string>((resolve, reject) => {
    const req = request(
      { port, host: '127.0.0.1', method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    req.write('{"a":');
    req.write('[1,2]}');
    req.end();
  });
  assert.equal(answer, 'ok {"a":[1,2]}');
});

test('a gzip body is decoded', async () => {
  const answer = await send(
    { 'content-type': 'text/plain', 'content-encoding': 'gzip' },
    gzipSync('squeezed'),
  );
  assert.equal(answer, 'ok "squeezed"');
});

test('a client that disconnects mid-body gets a 400 outcome and the server keeps going', async () => {
  const outcome = next();
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(
    'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"partial":',
  );
  setImmediate(() => socket.destroy());
  assert.equal(await outcome, '400 BND_ERR_BAD_REQUEST');
  assert.equal(await send({ 'content-type': 'application/json' }, '{"after":true}'), 'ok {"after":true}');
});

test('a client that disconnects mid-upload gets a 400 outcome', async () => {
  const outcome = next();
  const body = multipartBody([{ name: 'f', filename: 'big.bin', value: Buffer.alloc(300_000) }]);
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(
    `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: ${multipartType}\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  socket.write(body.subarray(0, 150_000));
  setImmediate(() => socket.destroy());
  assert.equal(await outcome, '400 BND_ERR_BAD_REQUEST');
});

test('no outcome was a crash', async () => {
  for (const text of await Promise.all(outcomes)) assert.doesNotMatch(text, /^crash/);
});
