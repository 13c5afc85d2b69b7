import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDriver } from '../../src/components/driver-loader.js';

test('a missing driver fails naming the component and the install line', async () => {
  const missing = 'bindery-no-such-driver';
  await assert.rejects(
    loadDriver('bindings.example', missing, () => import(missing)),
    {
      message: `bindings.example needs the package ${missing}, which is not installed: npm install ${missing}`,
    },
  );
});

test('other load failures pass through unchanged', async () => {
  await assert.rejects(
    loadDriver('bindings.example', 'x', () => Promise.reject(new Error('broken driver'))),
    { message: 'broken driver' },
  );
});
