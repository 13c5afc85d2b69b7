import { existsSync } from 'node:fs';

/** Debian's chromium package; CHROMIUM_PATH points elsewhere. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet headless run that reaches for nothing on its own (no updates, no sync). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * Browser tests call this first: a skip message when Chromium is not installed, unless
 * BINDERY_REQUIRE_SERVICES=1 (CI installs it), where its absence fails the test.
 */
export function chromiumSkip(): string | false {
  if (existsSync(chromiumPath)) return false;
  const message = `Chromium is not installed at ${chromiumPath}`;
  if (process.env.BINDERY_REQUIRE_SERVICES === '1') {
    throw new Error(`${message} and BINDERY_REQUIRE_SERVICES=1 requires it (apt-get install chromium)`);
  }
  return `${message}; skipped (set BINDERY_REQUIRE_SERVICES=1 to make this a failure)`;
}
