import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StartupError } from '../../src/http/index.js';
import { endpoint, get, inject, token } from '../../src/index.js';

// What TypeScript emits under `experimentalDecorators`: (prototype, member name, descriptor).
type LegacyDecorator = (target: object, key: string, descriptor?: PropertyDescriptor) => void;

test('a decorator called the legacy way names itself, the member and the tsconfig fix', () => {
  const cases: [string, unknown][] = [
    ['@get', get('/orders')],
    ['@endpoint', endpoint({ doc: 'x' })],
    ['@inject', inject(token<string>('name'))],
  ];
  for (const [name, decorator] of cases) {
    assert.throws(
      () => (decorator as LegacyDecorator)({}, 'list', { value: () => undefined }),
      (error: unknown) =>
        error instanceof StartupError &&
        error.code === 'BND_ERR_LEGACY_DECORATORS' &&
        error.message.startsWith(`${name} on list was called as a legacy decorator`) &&
        error.message.includes('remove "experimentalDecorators" from tsconfig.json'),
      name,
    );
  }
});
