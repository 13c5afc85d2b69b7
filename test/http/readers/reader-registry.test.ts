import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultReaders, type EntityReader, ReaderRegistry } from '../../../src/http/readers/index.js';

const reader = (...mediaTypes: string[]): EntityReader => ({ mediaTypes, read: async () => mediaTypes[0] });

test('an exact media type is found whatever its case and parameters', () => {
  const json = reader('application/json');
  const registry = new ReaderRegistry().register(json);
  assert.equal(registry.find('Application/JSON; charset=utf-8'), json);
  assert.equal(registry.find('application/xml'), undefined);
});

test('a +json type falls back to the application/json reader', () => {
  const json = reader('application/json');
  const registry = new ReaderRegistry().register(json);
  assert.equal(registry.find('application/problem+json'), json);
  assert.equal(registry.find('application/vnd.api+json; ext=x'), json);
});

test('a suffix pattern wins over the plain suffix type, an exact type over both', () => {
  const json = reader('application/json');
  const suffix = reader('application/*+json');
  const merge = reader('application/merge-patch+json');
  const registry = new ReaderRegistry().register(json).register(suffix).register(merge);
  assert.equal(registry.find('application/ld+json'), suffix);
  assert.equal(registry.find('application/merge-patch+json'), merge);
});

test('type wildcards and */* are the last resort', () => {
  const text = reader('text/*');
  const any = reader('*/*');
  const registry = new ReaderRegistry().register(text).register(any);
  assert.equal(registry.find('text/csv'), text);
  assert.equal(registry.find('image/png'), any);
});

test('a later registration replaces an earlier one', () => {
  const first = reader('application/yaml');
  const second = reader('application/yaml', 'text/yaml');
  const registry = new ReaderRegistry().register(first).register(second);
  assert.equal(registry.find('application/yaml'), second);
  assert.deepEqual(registry.mediaTypes(), ['application/yaml', 'text/yaml']);
});

test('malformed registrations are refused', () => {
  assert.throws(() => new ReaderRegistry().register(reader()), /at least one media type/);
  assert.throws(() => new ReaderRegistry().register(reader('json')), /not type\/subtype/);
});

test('the default registry reads the built-in types', () => {
  assert.deepEqual(defaultReaders().mediaTypes(), [
    'application/json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/octet-stream',
    'multipart/form-data',
  ]);
});
