import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixture, pidsSeen, until } from './cluster-support.js';

test('SIGTERM to `bindery serve` drains the workers and exits 0', async () => {
  const cli = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', cli, 'serve', fixture, '--workers', '2', '--port', '0', '--log-level', 'silent'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  await until(() => /on http:\/\/127\.0\.0\.1:\d+ with 2 worker/.test(out), 'the serving line');
  const port = Number(/:(\d+) with/.exec(out)![1]);
  assert.equal((await pidsSeen(port, 6)).size, 2);
  const slow = fetch(`http://127.0.0.1:${port}/slow`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  assert.equal((await slow).status, 200);
  assert.equal(await exited, 0);
});
