import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  scarfSettings?: { enabled?: boolean };
};
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, unknown>;
};

// swagger-ui-dist depends on @scarf/scarf, whose install script reports each installation to
// scarf.sh unless the root package.json turns it off: installing the project asks no analytics
// host for anything.
test('installing the dependencies reports nothing to install analytics', () => {
  const scarf = Object.keys(lock.packages).filter((path) => path.endsWith('node_modules/@scarf/scarf'));
  if (scarf.length === 0) return;
  assert.equal(
    pkg.scarfSettings?.enabled,
    false,
    'package.json must set "scarfSettings": { "enabled": false }',
  );
});
