import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { createOrdersApp } from '../../examples/orders/app.js';
import { chromiumArgs, chromiumPath, chromiumSkip } from '../support/chromium.js';

test('the docs page shows the example operations in headless Chromium, with no request leaving the server', async (t) => {
  const skip = chromiumSkip();
  if (skip !== false) {
    t.skip(skip);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'bindery-docs-'));
  const app = await createOrdersApp({ dataDir: dir, logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  try {
    const page = await browser.newPage();
    const requested: string[] = [];
    const failed: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('requestfailed', (request) => failed.push(request.url()));
    const response = await page.goto(`${origin}/docs`);
    assert.equal(response?.status(), 200);
    await page.waitForSelector('.opblock', { timeout: 30_000 });
    const summaries = await page.$$eval('.opblock-summary-description', (nodes) =>
      nodes.map((node) => node.textContent ?? ''),
    );
    for (const summary of ['Place an order', 'List the orders of a shop', 'One order']) {
      assert.ok(
        summaries.includes(summary),
        `the page lists "${summary}" (it lists ${summaries.join(', ')})`,
      );
    }
    const paths = await page.$$eval('.opblock-summary-path', (nodes) =>
      nodes.map((node) => node.textContent ?? ''),
    );
    assert.ok(paths.some((path) => path.includes('/shops/{shopId}/orders')));
    const title = await page.textContent('.info .title');
    assert.match(title ?? '', /Orders/);
    const foreign = requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'));
    assert.deepEqual(foreign, [], 'the page asks no other host for anything');
    assert.deepEqual(failed, []);
    assert.ok(requested.includes(`${origin}/openapi.json`), 'the page loads the document');
  } finally {
    await browser.close();
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
});
