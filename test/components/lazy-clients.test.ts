import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

// Importing Bindery must not load the clients of components an application may never use:
// grpc-js and proto-loader load on the first gRPC listen(), each component's driver (pg, ioredis,
// amqplib, mqtt, mysql2, nodemailer) on the first binding of its kind, light-my-request on the
// first inject().
test('importing bindery and its components loads no gRPC client, component driver or inject client', async () => {
  const script = `
    import { createRequire } from 'node:module';
    await import('./src/index.ts');
    await import('./src/components/index.ts');
    const cache = Object.keys(createRequire(import.meta.url).cache);
    const heavy = cache.filter((path) => /node_modules\\/(@grpc|pg|ioredis|amqplib|mqtt|mysql2|nodemailer|light-my-request)\\//.test(path));
    console.log(JSON.stringify(heavy));
  `;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
  });
  assert.deepEqual(JSON.parse(stdout.trim().split('\n').pop()!), []);
});
