import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AnyBindingComponentType } from '../../src/components/binding-component.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { Container, WebService } from '../../src/service/index.js';
import type { FakeClock } from '../support/fake-clock.js';
import { silentLogger, uniqueKey } from './support.js';

/** One event as the app saw it. */
export interface SeenEvent {
  readonly body: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** How the app answers the next event: a status, a throw, or a wait before a 200. */
type Answer = { status: number } | { throws: true } | { until: Promise<void> };

export interface InputConformanceOptions {
  readonly type: AnyBindingComponentType;
  readonly skip?: string | false;
  /** The component's metadata for one test; `key` is unique per test (queues, topics). */
  readonly metadata: (key: string) => Record<string, string>;
  /** Causes one event carrying `payload`: publishes it, or moves the clock to the next tick. */
  readonly produce: (key: string, payload: string) => Promise<void>;
  /** The body the app receives for `payload`. */
  readonly body: (payload: string) => string;
  /** Headers every event carries (exact text, or a pattern). */
  readonly headers?: (key: string) => Readonly<Record<string, string | RegExp>>;
  /** What a refused event becomes: delivered again, or dropped (the next one still comes). */
  readonly onRefusal: 'redelivered' | 'dropped';
  /** Events not taken before a close are still there for the next consumer (a broker keeps them). */
  readonly keepsUnread: boolean;
  /** The clock the runtime uses; `nudge` moves it while the suite waits (retry waits, ticks). */
  readonly clock?: FakeClock;
  readonly nudgeMs?: number;
  /** Removes what a test created (queues). */
  readonly cleanup?: (key: string) => Promise<void>;
}

interface App {
  readonly runtime: BindingsRuntime;
  readonly container: Container;
  readonly seen: SeenEvent[];
  /** Answers for the next events, in order; a 200 once they run out. */
  readonly answers: Answer[];
}

async function startApp(options: InputConformanceOptions, key: string): Promise<App> {
  const seen: SeenEvent[] = [];
  const answers: Answer[] = [];
  const runtime = new BindingsRuntime({
    logger: silentLogger(),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  runtime.add({ name: 'subject', type: options.type.type, metadata: options.metadata(key) });
  await runtime.start();
  const container = new Container({ logger: false });
  const ws = new WebService('/');
  ws.post('/subject').to(async (_input, _deps, ctx) => {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    seen.push({ body: Buffer.concat(chunks).toString(), headers: ctx.req.headers });
    const answer = answers.shift();
    if (answer === undefined) return { ok: true };
    if ('throws' in answer) throw new Error('the handler failed');
    if ('until' in answer) {
      await answer.until;
      return { ok: true };
    }
    ctx.status = answer.status;
    return { refused: true };
  });
  container.add(ws);
  container.onClose(() => runtime.close());
  await container.ready();
  const delivering = await runtime.deliverTo(container);
  assert.deepEqual(delivering, ['subject']);
  return { runtime, container, seen, answers };
}

/** Waits until `count` events were seen, nudging the test clock while it waits. */
async function waitForEvents(options: InputConformanceOptions, app: App, count: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (app.seen.length < count) {
    if (Date.now() > deadline) assert.fail(`expected ${count} event(s), saw ${app.seen.length}`);
    if (options.clock !== undefined && options.nudgeMs !== undefined) options.clock.advance(options.nudgeMs);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Lets anything still on its way arrive. */
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

/**
 * The input half of the conformance suite: every input component delivers events to the app
 * as daprd does, acknowledges what the app accepted, treats a refusal as its system does, and
 * closes gracefully while an event is in flight.
 */
export function inputConformance(options: InputConformanceOptions): void {
  const { type } = options;
  describe(`input conformance: ${type.type}`, { skip: options.skip ?? false }, () => {
    const run = (name: string, body: (key: string) => Promise<void>) =>
      test(name, async () => {
        const key = uniqueKey('in').replaceAll('-', '_');
        try {
          await body(key);
        } finally {
          await options.cleanup?.(key);
        }
      });

    test('declares input', () => {
      assert.equal(typeof type.createInput, 'function');
    });

    run('deliver: POST /<name>, the data as body, metadata as headers, JSON content type', async (key) => {
      const app = await startApp(options, key);
      try {
        await options.produce(key, '{"n":1}');
        await waitForEvents(options, app, 1);
        const [event] = app.seen;
        assert.equal(event!.body, options.body('{"n":1}'));
        assert.equal(event!.headers['content-type'], 'application/json');
        for (const [name, want] of Object.entries(options.headers?.(key) ?? {})) {
          const got = event!.headers[name.toLowerCase()];
          assert.equal(typeof got, 'string', `header ${name}`);
          if (typeof want === 'string') assert.equal(got, want, `header ${name}`);
          else assert.match(got as string, want, `header ${name}`);
        }
      } finally {
        await app.container.close();
      }
    });

    run('acknowledge: an event the app answered 2xx is not delivered again', async (key) => {
      const app = await startApp(options, key);
      try {
        await options.produce(key, '"once"');
        await waitForEvents(options, app, 1);
        await settle();
        assert.equal(app.seen.length, 1);
      } finally {
        await app.container.close();
      }
      if (options.keepsUnread) {
        const again = await startApp(options, key);
        await settle();
        await again.container.close();
        assert.equal(again.seen.length, 0, 'an acknowledged event came back to the next consumer');
      }
    });

    run('refuse: a non-2xx answer or a thrown error refuses the event', async (key) => {
      const app = await startApp(options, key);
      try {
        app.answers.push({ status: 503 }, { throws: true });
        await options.produce(key, '"retry-me"');
        if (options.onRefusal === 'redelivered') {
          await waitForEvents(options, app, 3);
          assert.deepEqual(
            app.seen.map((e) => e.body),
            Array(3).fill(options.body('"retry-me"')),
          );
          await settle();
          assert.equal(app.seen.length, 3, 'delivered again after it was accepted');
        } else {
          // Each refusal is final: only the next event comes.
          for (const [i, payload] of ['"retry-me"', '"next"', '"last"'].entries()) {
            if (i > 0) await options.produce(key, payload);
            await waitForEvents(options, app, i + 1);
            await settle();
            assert.equal(app.seen.length, i + 1, 'a refused event was delivered again');
          }
        }
      } finally {
        await app.container.close();
      }
    });

    run(
      'close while busy: the event in flight finishes and is acknowledged; no new one is taken',
      async (key) => {
        const app = await startApp(options, key);
        let open = () => {};
        app.answers.push({ until: new Promise<void>((resolve) => (open = resolve)) });
        await options.produce(key, '"busy"');
        await waitForEvents(options, app, 1);
        let closed = false;
        const closing = app.container.close().then(() => {
          closed = true;
        });
        await settle(100);
        await options.produce(key, '"late"');
        await settle(200);
        assert.equal(closed, false, 'close did not wait for the event in flight');
        open();
        await closing;
        assert.equal(app.seen.length, 1, 'an event was taken after close began');
        if (options.keepsUnread) {
          const next = await startApp(options, key);
          try {
            await waitForEvents(options, next, 1);
            await settle();
            assert.deepEqual(
              next.seen.map((e) => e.body),
              [options.body('"late"')],
            );
          } finally {
            await next.container.close();
          }
        }
      },
    );
  });
}
