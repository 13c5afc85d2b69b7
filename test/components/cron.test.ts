import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSchedule } from '../../src/components/bindings/cron/cron-schedule.js';
import { goTimeString } from '../../src/components/bindings/cron/go-time-string.js';
import { cronBinding } from '../../src/components/bindings/cron/index.js';
import { BindingsRuntime, ComponentLoadError } from '../../src/components/bindings-runtime.js';
import { FakeClock } from '../support/fake-clock.js';
import { inputConformance } from './input-conformance.js';
import { silentLogger } from './support.js';

const clock = new FakeClock();

inputConformance({
  type: cronBinding,
  clock,
  metadata: () => ({ schedule: '@every 10s' }),
  // One tick: the clock moves to the next ten-second boundary.
  produce: async () => clock.advance(10_000),
  body: () => '',
  headers: () => ({ timeZone: 'Local', readTimeUTC: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC$/ }),
  onRefusal: 'dropped',
  keepsUnread: false,
});

/** The next `count` firing times after `from` (ISO, UTC). */
function fires(spec: string, from: string, count = 3): string[] {
  const schedule = parseSchedule(spec);
  const out: string[] = [];
  let t = Date.parse(from);
  for (let i = 0; i < count; i++) {
    const next = schedule.next(t);
    assert.notEqual(next, undefined);
    out.push(new Date(next!).toISOString());
    t = next!;
  }
  return out;
}

describe("Dapr's schedule grammar", () => {
  test('six fields start with seconds; five mean second 0', () => {
    assert.deepEqual(fires('TZ=UTC */15 * * * * *', '2024-05-01T10:00:07Z'), [
      '2024-05-01T10:00:15.000Z',
      '2024-05-01T10:00:30.000Z',
      '2024-05-01T10:00:45.000Z',
    ]);
    assert.deepEqual(fires('TZ=UTC 0 30 * * * *', '2024-05-01T10:40:00Z', 2), [
      '2024-05-01T11:30:00.000Z',
      '2024-05-01T12:30:00.000Z',
    ]);
    assert.deepEqual(fires('TZ=UTC 30 9 * * *', '2024-05-01T10:00:00Z', 2), [
      '2024-05-02T09:30:00.000Z',
      '2024-05-03T09:30:00.000Z',
    ]);
  });

  test('lists, ranges, steps, names; day of month OR day of week when both are set', () => {
    // 2024-05-03 is a Friday.
    assert.deepEqual(fires('TZ=UTC 0 0 9 * * MON-FRI', '2024-05-03T10:00:00Z', 2), [
      '2024-05-06T09:00:00.000Z',
      '2024-05-07T09:00:00.000Z',
    ]);
    assert.deepEqual(fires('TZ=UTC 0 0 0 1,15 jan,Jul *', '2024-05-01T00:00:00Z', 3), [
      '2024-07-01T00:00:00.000Z',
      '2024-07-15T00:00:00.000Z',
      '2025-01-01T00:00:00.000Z',
    ]);
    assert.deepEqual(fires('TZ=UTC 0 0 0 13 * FRI', '2024-09-01T00:00:00Z', 3), [
      '2024-09-06T00:00:00.000Z',
      '2024-09-13T00:00:00.000Z',
      '2024-09-20T00:00:00.000Z',
    ]);
    assert.deepEqual(fires('TZ=UTC 10/20 * * * * ?', '2024-05-01T10:00:00Z', 3), [
      '2024-05-01T10:00:10.000Z',
      '2024-05-01T10:00:30.000Z',
      '2024-05-01T10:00:50.000Z',
    ]);
    assert.deepEqual(fires('TZ=UTC 0 0 0 29 2 *', '2024-03-01T00:00:00Z', 1), ['2028-02-29T00:00:00.000Z']);
  });

  test('descriptors and @every', () => {
    assert.deepEqual(fires('TZ=UTC @daily', '2024-05-01T10:00:00Z', 1), ['2024-05-02T00:00:00.000Z']);
    assert.deepEqual(fires('TZ=UTC @midnight', '2024-05-01T10:00:00Z', 1), ['2024-05-02T00:00:00.000Z']);
    assert.deepEqual(fires('TZ=UTC @hourly', '2024-05-01T10:20:00Z', 1), ['2024-05-01T11:00:00.000Z']);
    assert.deepEqual(fires('TZ=UTC @weekly', '2024-05-01T10:00:00Z', 1), ['2024-05-05T00:00:00.000Z']);
    assert.deepEqual(fires('TZ=UTC @monthly', '2024-05-01T10:00:00Z', 1), ['2024-06-01T00:00:00.000Z']);
    assert.deepEqual(fires('TZ=UTC @yearly', '2024-05-01T10:00:00Z', 1), ['2025-01-01T00:00:00.000Z']);
    assert.deepEqual(fires('@annually', '2024-05-01T10:00:00Z', 1).length, 1);
    assert.deepEqual(fires('@every 15m', '2024-05-01T10:00:00.250Z', 2), [
      '2024-05-01T10:15:00.000Z',
      '2024-05-01T10:30:00.000Z',
    ]);
    // Below a second rounds up to one; fractions of a second are dropped.
    assert.deepEqual(fires('@every 100ms', '2024-05-01T10:00:00Z', 2), [
      '2024-05-01T10:00:01.000Z',
      '2024-05-01T10:00:02.000Z',
    ]);
    assert.deepEqual(fires('@every 1m30s', '2024-05-01T10:00:00Z', 1), ['2024-05-01T10:01:30.000Z']);
  });

  test('a time zone prefix schedules in that zone', () => {
    // Paris is UTC+2 in May: 09:00 there is 07:00 UTC.
    assert.deepEqual(fires('CRON_TZ=Europe/Paris 0 0 9 * * *', '2024-05-01T10:00:00Z', 1), [
      '2024-05-02T07:00:00.000Z',
    ]);
    assert.deepEqual(fires('TZ=America/New_York 0 0 9 * * *', '2024-01-10T00:00:00Z', 1), [
      '2024-01-10T14:00:00.000Z',
    ]);
  });

  test("bad specs fail with robfig's texts", () => {
    const cases: [string, RegExp][] = [
      ['', /empty spec string/],
      ['* * * *', /expected 5 to 6 fields, found 4/],
      ['* * * * * * *', /expected 5 to 6 fields, found 7/],
      ['60 * * * * *', /end of range \(60\) above maximum \(59\): 60/],
      ['* * * 0 * *', /beginning of range \(0\) below minimum \(1\): 0/],
      ['* * 5-2 * * *', /beginning of range \(5\) beyond end of range \(2\): 5-2/],
      ['*/0 * * * * *', /step of range should be a positive number/],
      ['1-2-3 * * * * *', /too many hyphens/],
      ['*/2/3 * * * * *', /too many slashes/],
      ['x * * * * *', /failed to parse int from x/],
      ['@fortnightly', /unrecognized descriptor: @fortnightly/],
      ['@every soon', /failed to parse duration @every soon/],
      ['TZ=Mars/Olympus * * * * * *', /provided bad location Mars\/Olympus/],
    ];
    for (const [spec, message] of cases) assert.throws(() => parseSchedule(spec), message, spec);
  });

  test("readTimeUTC is Go's time text", () => {
    assert.equal(goTimeString(Date.UTC(2024, 4, 1, 10, 20, 30, 120)), '2024-05-01 10:20:30.12 +0000 UTC');
    assert.equal(goTimeString(Date.UTC(2024, 4, 1, 10, 20, 30)), '2024-05-01 10:20:30 +0000 UTC');
  });
});

describe('bindings.cron in the runtime', () => {
  test('an invalid schedule stops start-up naming the component', async () => {
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({ name: 'ticks', type: 'bindings.cron', metadata: { schedule: '* * *' } });
    await assert.rejects(runtime.start(), (error: unknown) => {
      assert.ok(error instanceof ComponentLoadError);
      assert.match(
        error.message,
        /component "ticks" \(bindings\.cron\).*init failed: invalid schedule format '\* \* \*': expected 5 to 6 fields, found 3/,
      );
      return true;
    });
  });

  test('is input only: invoking it is "couldn\'t find output binding"', async () => {
    const runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({ name: 'ticks', type: 'bindings.cron', metadata: { schedule: '@every 1s' } });
    await runtime.start();
    assert.deepEqual(runtime.inputBindingNames(), ['ticks']);
    assert.deepEqual(runtime.components(), [
      { name: 'ticks', type: 'bindings.cron', version: 'v1', capabilities: ['INPUT_BINDING'] },
    ]);
    await assert.rejects(runtime.invoke('ticks', 'create'), {
      message: "couldn't find output binding ticks",
    });
    await runtime.close();
  });
});
