import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defineMetadata, parseMetadata } from '../../src/components/metadata-fields.js';
import {
  isTruthy,
  parseDurationMs,
  parseGoBool,
  parseGoDuration,
  parseQuantityBytes,
} from '../../src/components/metadata-values.js';

const fields = defineMetadata({
  rootPath: { type: 'string', required: true, description: 'root' },
  retries: { type: 'integer', default: 3, description: 'retries' },
  ratio: { type: 'number', description: 'ratio' },
  enabled: { type: 'boolean', default: true, description: 'flag' },
  timeout: { type: 'duration', description: 'timeout' },
  maxSize: { type: 'bytesize', default: 1024, description: 'size' },
  mode: { type: 'string', oneOf: ['node', 'cluster'], default: 'node', description: 'mode' },
  connectionString: { type: 'string', aliases: ['url'], sensitive: true, description: 'dsn' },
});

describe('parseMetadata', () => {
  test('matches keys case-insensitively and types every value', () => {
    const parsed = parseMetadata(fields, {
      ROOTPATH: '/data',
      Retries: '7',
      ratio: '0.5',
      enabled: 'off',
      timeout: '1m30s',
      maxsize: '2Ki',
      mode: 'CLUSTER',
      URL: 'postgres://x',
    });
    assert.deepEqual(parsed.issues, []);
    assert.deepEqual(parsed.unknown, []);
    assert.deepEqual(parsed.values, {
      rootPath: '/data',
      retries: 7,
      ratio: 0.5,
      enabled: false,
      timeout: 90_000,
      maxSize: 2048,
      mode: 'cluster',
      connectionString: 'postgres://x',
    });
  });

  test('fills defaults and leaves optional fields undefined', () => {
    const { values, issues } = parseMetadata(fields, { rootPath: '/d' });
    assert.deepEqual(issues, []);
    assert.equal(values.retries, 3);
    assert.equal(values.enabled, true);
    assert.equal(values.timeout, undefined);
    assert.equal(values.mode, 'node');
  });

  test('reports every problem at once, an empty value counting as absent', () => {
    const { issues } = parseMetadata(fields, {
      rootPath: '',
      retries: 'x',
      timeout: '5 parsecs',
      mode: 'ring',
    });
    assert.deepEqual(
      issues.map((i) => i.field),
      ['rootPath', 'retries', 'timeout', 'mode'],
    );
    assert.equal(issues[0]!.message, 'is required');
    assert.match(issues[1]!.message, /"x" is not an integer/);
    assert.match(issues[3]!.message, /one of node, cluster/);
  });

  test('never repeats a sensitive value in its message', () => {
    const sensitive = defineMetadata({ port: { type: 'integer', sensitive: true, description: 'p' } });
    const { issues } = parseMetadata(sensitive, { port: 'hunter2' });
    assert.equal(issues.length, 1);
    assert.doesNotMatch(issues[0]!.message, /hunter2/);
  });

  test('lists unknown keys but not the runtime-level ones', () => {
    const { unknown } = parseMetadata(fields, {
      rootPath: '/d',
      rootPth: 'typo',
      direction: 'output',
      route: '/x',
    });
    assert.deepEqual(unknown, ['rootPth']);
  });
});

describe('metadata values', () => {
  test('Go durations, and whole seconds as a fallback', () => {
    assert.equal(parseGoDuration('1h2m3.5s'), 3_723_500);
    assert.equal(parseGoDuration('250ms'), 250);
    assert.equal(parseGoDuration('1500us'), 1.5);
    assert.equal(parseGoDuration('-2s'), -2000);
    assert.equal(parseGoDuration('0'), 0);
    assert.equal(parseGoDuration('10'), undefined);
    assert.equal(parseDurationMs('10'), 10_000);
    assert.equal(parseDurationMs('ten'), undefined);
  });

  test('byte sizes as Kubernetes quantities, one parser for fields and flags', () => {
    assert.equal(parseQuantityBytes('100Mi'), 100 * 2 ** 20);
    assert.equal(parseQuantityBytes('1M'), 1_000_000);
    assert.equal(parseQuantityBytes('512'), 512);
    assert.equal(parseQuantityBytes('1.5Ki'), 1536);
    assert.equal(parseQuantityBytes('1e3'), 1000);
    assert.equal(parseQuantityBytes('12 apples'), 'syntax');
    // Kubernetes has no `K` suffix (only `k`), and a fraction of a byte is no size.
    assert.equal(parseQuantityBytes('1K'), 'syntax');
    assert.equal(parseQuantityBytes('1500m'), 'not-whole');
    const fieldsOfSize = defineMetadata({ max: { type: 'bytesize', description: 'm' } });
    assert.equal(parseMetadata(fieldsOfSize, { max: '1K' }).issues.length, 1);
    assert.equal(parseMetadata(fieldsOfSize, { max: '4k' }).values.max, 4000);
  });

  test("booleans read as the component's Dapr counterpart reads them", () => {
    const flags = defineMetadata({
      truthy: { type: 'boolean', description: 't' },
      strict: { type: 'boolean', grammar: 'go', description: 's' },
    });
    // Most components: Dapr's IsTruthy, so an unknown word is false (with a note), never an error.
    const lenient = parseMetadata(flags, { truthy: 'maybe', strict: 'T' });
    assert.deepEqual(lenient.issues, []);
    assert.deepEqual(lenient.values, { truthy: false, strict: true });
    assert.deepEqual(
      lenient.notes.map((n) => n.field),
      ['truthy'],
    );
    assert.equal(parseMetadata(flags, { truthy: 'on' }).values.truthy, true);
    // Redis: Go's strconv.ParseBool, where `yes` is an error.
    assert.deepEqual(
      parseMetadata(flags, { strict: 'yes' }).issues.map((i) => i.field),
      ['strict'],
    );
    assert.equal(parseGoBool('True'), true);
    assert.equal(parseGoBool('tRUE'), undefined);
  });

  test('a bare integer duration in the unit the component uses', () => {
    const d = defineMetadata({
      s: { type: 'duration', description: 's' },
      ms: { type: 'duration', grammar: 'milliseconds', description: 'ms' },
    });
    assert.deepEqual(parseMetadata(d, { s: '5', ms: '5' }).values, { s: 5000, ms: 5 });
    assert.deepEqual(parseMetadata(d, { s: '-1', ms: '-1' }).values, { s: -1000, ms: -1 });
  });

  test('isTruthy reads request flags as Dapr does', () => {
    for (const yes of ['true', 'TRUE', 'y', 'yes', 'on', '1', 't']) assert.equal(isTruthy(yes), true, yes);
    for (const no of ['false', 'no', '0', 'maybe', '', undefined])
      assert.equal(isTruthy(no), false, String(no));
  });
});
