// `npm run bench`: the HTTP comparison with the peers (arguments are passed to it), then the
// injection overhead, the output bindings (invoke rate per component, API overhead) and the
// input delivery rate in process vs over HTTP. Each runs in its own process so one
// cannot warm or pollute the other; `--http-only` skips all but the first.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const httpOnly = args.includes('--http-only');
const httpArgs = args.filter((a) => a !== '--http-only');

function run(script: string, scriptArgs: string[] = []): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...scriptArgs], {
    stdio: 'inherit',
    env: { ...process.env, BINDERY_BENCH_REQUIRE_DIST: '1', NODE_ENV: 'production' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('bench/http/run.ts', httpArgs);
if (!httpOnly && !httpArgs.includes('--help')) {
  run('bench/inject/http.ts');
  run('bench/bindings/run.ts');
  run('bench/bindings/input.ts');
}
