import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import { checkPeer } from '../../bench/http/check.js';
import { FakeConnection, prepare } from '../../bench/http/fake-connection.js';
import { inProcessSend, runBatch } from '../../bench/http/inproc-batch.js';
import { parseOptions } from '../../bench/http/options.js';
import { parseRawResponse } from '../../bench/http/raw-response.js';
import { summarize } from '../../bench/http/report.js';
import { rotate } from '../../bench/http/samples.js';
import { CASES, ROUTE_REQUESTS } from '../../bench/http/spec.js';
import { median, percentile } from '../../bench/http/stats.js';

describe('in-process driver', () => {
  it('gives the listener the request a parser would, body after the request event', async () => {
    let seen: { method?: string; url?: string; headers?: object; body?: string } = {};
    const listener = (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen = {
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        };
        res.writeHead(204).end();
      });
    };
    const status = await new FakeConnection(listener).send(prepare(ROUTE_REQUESTS.order));
    assert.equal(status, 204);
    assert.equal(seen.method, 'POST');
    assert.equal(seen.url, '/shops/42/orders?dryRun=true');
    assert.equal(seen.body, ROUTE_REQUESTS.order.body);
    assert.deepEqual(seen.headers, {
      host: 'localhost',
      accept: 'application/json',
      'content-type': 'application/json',
      'x-request-id': 'req-7f3a',
      cookie: 'theme=dark; session=s3cr3t',
      'content-length': String(ROUTE_REQUESTS.order.body?.length),
    });
  });

  it('reads back chunked answers and counts unexpected statuses in a batch', async () => {
    const listener = (_req: IncomingMessage, res: ServerResponse) => {
      res.setHeader('content-type', 'application/json');
      res.write('{"hello"');
      res.end(':"world"}');
    };
    assert.deepEqual(await checkPeer(inProcessSend(listener), [CASES[0]!]), []);
    const batch = await runBatch(
      [new FakeConnection(listener), new FakeConnection(listener)],
      prepare(ROUTE_REQUESTS.hello),
      7,
      201,
    );
    assert.equal(batch.count, 7);
    assert.equal(batch.unexpected, 7);
  });

  it('reports a peer that answers differently', async () => {
    const listener = (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"there"}');
    };
    const problems = await checkPeer(inProcessSend(listener), [CASES[0]!]);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^hello: body/);
  });
});

describe('raw responses', () => {
  it('honours content-length', () => {
    const raw = Buffer.from(
      'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
    );
    assert.deepEqual(parseRawResponse(raw), { status: 201, contentType: 'application/json', body: '{}' });
  });
});

describe('statistics and report', () => {
  it('interpolates percentiles', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([1, 2, 3, 4]), 2.5);
    assert.equal(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], 10), 20);
  });

  it('rotates the server order from round to round', () => {
    assert.deepEqual(rotate(['a', 'b', 'c'], 0), ['a', 'b', 'c']);
    assert.deepEqual(rotate(['a', 'b', 'c'], 4), ['b', 'c', 'a']);
  });

  it('summarizes rounds, ignoring rounds with no completed request', () => {
    const s = summarize([
      { reqPerSec: 100, cpuUsPerReq: 10, failures: 0 },
      { reqPerSec: 0, cpuUsPerReq: Number.NaN, failures: 3 },
      { reqPerSec: 300, cpuUsPerReq: 30, failures: 0 },
    ]);
    assert.equal(s.reqPerSec.median, 100);
    assert.equal(s.cpuUsPerReq.median, 20);
    assert.equal(s.failures, 3);
  });
});

describe('options', () => {
  it('defaults to both modes, every server and route', () => {
    const options = parseOptions([]);
    assert.notEqual(options, 'help');
    if (options === 'help') return;
    assert.deepEqual(options.modes, ['inproc', 'socket']);
    assert.deepEqual(options.routes, ['hello', 'order']);
    assert.ok(options.servers.includes('node-http') && options.servers.includes('bindery'));
  });

  it('rejects unknown servers and non-numbers', () => {
    assert.throws(() => parseOptions(['--servers', 'nginx']), /unknown nginx/);
    assert.throws(() => parseOptions(['--rounds', 'x']), /positive number/);
    assert.throws(() => parseOptions(['--mode', 'fast']), /--mode/);
  });
});
