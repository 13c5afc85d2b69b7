import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  type CountedRun,
  instructionTables,
  parseInstructionTotal,
  perRequest,
} from '../../bench/http/instruction-counts.js';

const CACHEGRIND_TAIL = `==5824== 
==5824== I   refs:      5,007,631,899
`;

const run = (server: string, requests: number, instructions: number): CountedRun => ({
  server,
  route: 'hello',
  requests,
  instructions,
});

describe('instruction counts', () => {
  it('reads the total cachegrind prints, and nothing from other output', () => {
    assert.equal(parseInstructionTotal(CACHEGRIND_TAIL), 5_007_631_899);
    assert.equal(parseInstructionTotal('==1== valgrind: failed to start tool'), undefined);
  });

  it('takes the lowest total of each count, so a disturbed run does not count', () => {
    // The first 1,000-request run landed high; the lowest of each count is kept.
    const runs = [
      run('a', 1000, 5_900_000),
      run('a', 2000, 7_100_000),
      run('a', 1000, 5_000_000),
      run('a', 2000, 7_000_000),
    ];
    const cost = perRequest(runs, 'a', 'hello', 1000);
    assert.equal(cost.value, 2000);
    assert.deepEqual(cost.repeats, [1200, 2000]);
  });

  it('refuses runs that do not pair up', () => {
    assert.throws(() => perRequest([run('a', 1000, 1)], 'a', 'hello', 1000), /do not pair up/);
  });

  it('puts each server beside node-http and fastify', () => {
    const runs = [
      run('node-http', 100, 1_000_000),
      run('node-http', 200, 3_000_000),
      run('bindery', 100, 1_500_000),
      run('bindery', 200, 3_600_000),
      run('fastify', 100, 2_000_000),
      run('fastify', 200, 4_500_000),
    ];
    const table = instructionTables(runs, ['node-http', 'bindery', 'fastify'], ['hello'], 100);
    assert.match(table, /\| node-http \| 20,000 \| 20,000–20,000 \| 1\.000× \| 0\.800× \|/);
    assert.match(table, /\| bindery \| 21,000 \| 21,000–21,000 \| 1\.050× \| 0\.840× \|/);
    assert.match(table, /\| fastify \| 25,000 \| 25,000–25,000 \| 1\.250× \| 1\.000× \|/);
  });

  it('the counted child serves its requests natively and refuses an unknown server', () => {
    const child = fileURLToPath(new URL('../../bench/http/instructions-child.ts', import.meta.url));
    const node = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', child, ...args], { encoding: 'utf8' });
    assert.equal(node('check', 'node-http').status, 0);
    assert.equal(node('run', 'node-http', 'hello', '20', '20').status, 0);
    const unknown = node('run', 'no-such-server', 'hello', '1', '1');
    assert.equal(unknown.status, 3);
    assert.match(unknown.stderr, /unknown server no-such-server/);
  });
});
