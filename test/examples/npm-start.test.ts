import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { test } from 'node:test';

function status(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/shops', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

// npm runs the script through a shell; the signal npm passes on must reach the service itself,
// or close() never runs and the service outlives `npm start`.
test('`npm start` prints where its docs are; SIGTERM to it closes the example service and ends it', {
  skip: process.platform === 'win32' ? 'no SIGTERM on Windows' : false,
}, async () => {
  const npm = spawn('npm', ['start'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own, so whatever npm started can be cleaned up even when the test fails.
    detached: true,
  });
  let output = '';
  npm.stderr.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      npm.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        const listening = /"port":(\d+),"msg":"listening"/.exec(output);
        if (listening !== null) resolve(Number(listening[1]));
      });
      npm.on('exit', () => reject(new Error(`npm start ended early:\n${output}`)));
    });
    assert.equal(await status(port), 200);
    // It tells where the API docs page and the OpenAPI document are served.
    const base = `http://127.0.0.1:${port}`;
    // Those lines follow the listening one; the pipe may hand them over a moment later.
    for (let i = 0; i < 100 && !output.includes('OpenAPI document:'); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(output.includes(`"msg":"API docs: ${base}/docs"`), output);
    assert.ok(output.includes(`OpenAPI document: ${base}/openapi.json`), output);
    npm.kill('SIGTERM');
    assert.equal(await exited, 0, output);
    assert.match(output, /"msg":"stopped on SIGTERM"/);
    await assert.rejects(status(port), { code: 'ECONNREFUSED' });
  } finally {
    try {
      process.kill(-npm.pid!, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  }
});
