import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createOrdersApp } from '../../examples/orders/app.js';
import { WebService } from '../../src/index.js';

const chromiumPath = '/usr/bin/chromium';
const pageEntry = fileURLToPath(new URL('./browser/page.ts', import.meta.url));
const required = process.env.BINDERY_REQUIRE_SERVICES === '1';
const absent = existsSync(chromiumPath)
  ? undefined
  : `no Chromium at ${chromiumPath} (apt-get install chromium)`;

test('the client runs in a browser against the orders example', { skip: !required && absent }, async () => {
  if (absent !== undefined) assert.fail(absent);
  // Bundling for the browser platform fails on any Node-only import reachable from the client.
  const bundle = await build({
    entryPoints: [pageEntry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.text;

  const dir = await mkdtemp(join(tmpdir(), 'bindery-browser-'));
  const page = new WebService('/browser-test')
    .get('/')
    .produces('text/html')
    .to(
      () => '<!doctype html><title>client</title><script type="module" src="/browser-test/page.js"></script>',
    )
    .get('/page.js')
    .produces('text/javascript')
    .to(() => script);
  const app = (await createOrdersApp({ dataDir: join(dir, 'data'), logger: false })).add(page);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(`http://127.0.0.1:${address.port}/browser-test/`);
    await tab.waitForFunction(
      () => (globalThis as { clientResults?: unknown }).clientResults !== undefined,
      null,
      {
        timeout: 20_000,
      },
    );
    const seen = await tab.evaluate(() => (globalThis as { clientResults?: unknown }).clientResults);
    assert.deepEqual(errors, []);
    assert.deepEqual(seen, {
      placed: [201, 6, 'browser-session'],
      read: [200, 'scone'],
      list: [200, 1],
      bad: [400, 2],
      missing: [404, 'BND_ERR_NOT_FOUND'],
      shops: [200, 2],
      open: [200, 'boolean'],
      health: 'ok',
      aborted: 'AbortError',
    });
  } finally {
    await browser.close();
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
});
