import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Context } from '../../src/http/context.js';
import { HttpError } from '../../src/http/http-error.js';
import {
  compilePlan,
  InjectionGraphError,
  isStop,
  ProviderRegistry,
  RequestScope,
  seeded,
  stop,
  token,
  useClass,
  value,
} from '../../src/inject/index.js';
import { controllerRoutes, inject } from '../../src/mvc/index.js';

const Ctx = seeded<{ user: string }>('Context');

function fakeCtx(log: string[] = []): Context<unknown> {
  return {
    log: { error: (_: unknown, message: string) => log.push(`log: ${message}`) },
  } as unknown as Context<unknown>;
}

/** Registers a controller's providers like the service layer does, then prepares the route plan. */
async function planFor<C extends object>(
  definition: ReturnType<typeof controllerRoutes<C>>,
  registry: ProviderRegistry,
) {
  const route = new ProviderRegistry(registry);
  for (const [key, provider] of definition.providers) route.provide(key, provider);
  const plan = compilePlan(route, { controller: definition.controller }, `route GET /`);
  await plan.prepare();
  return plan;
}

class Clock {
  now(): number {
    return 7;
  }
}

describe('controller instances', () => {
  test('constructor and accessor dependencies are injected; all singletons → one instance', async () => {
    const Port = token<number>('Port');
    class Orders {
      static expose = ['get'] as const;
      static inject = [Clock] as const;
      @inject(Port) accessor port!: number;
      @inject(Port) accessor #hidden!: number;
      constructor(readonly clock: Clock) {}
      get() {
        return `${this.clock.now()}:${this.port}:${this.#hidden}`;
      }
    }
    const registry = new ProviderRegistry().provide(Clock, useClass(Clock)).provide(Port, value(80));
    const definition = controllerRoutes(Orders);
    const plan = await planFor(definition, registry);
    assert.equal(plan.requestScoped, false);
    const a = plan.resolve() as { controller: Orders };
    const b = plan.resolve() as { controller: Orders };
    assert.equal(a.controller, b.controller);
    assert.equal(definition.action('get')(undefined, a, fakeCtx()), '7:80:80');
  });

  test('a request-scoped dependency makes the controller one per request', async () => {
    let made = 0;
    class Me {
      static expose = ['get'] as const;
      @inject(Ctx) accessor ctx!: { user: string };
      readonly n = ++made;
      get() {
        return `${this.ctx.user}#${this.n}`;
      }
    }
    const definition = controllerRoutes(Me);
    const plan = await planFor(definition, new ProviderRegistry());
    assert.equal(plan.requestScoped, true);
    const first = (await plan.resolve(new RequestScope([[Ctx, { user: 'ann' }]]))) as { controller: Me };
    const second = (await plan.resolve(new RequestScope([[Ctx, { user: 'bob' }]]))) as { controller: Me };
    assert.equal(definition.action('get')(undefined, first, fakeCtx()), 'ann#1');
    assert.equal(definition.action('get')(undefined, second, fakeCtx()), 'bob#2');
  });

  test('perRequest controllers are made per request even with singleton dependencies', async () => {
    class Fresh {
      static expose = ['get'] as const;
      static readonly scope = 'request';
      get() {}
    }
    const plan = await planFor(controllerRoutes(Fresh), new ProviderRegistry());
    const a = (await plan.resolve(new RequestScope())) as { controller: Fresh };
    const b = (await plan.resolve(new RequestScope())) as { controller: Fresh };
    assert.notEqual(a.controller, b.controller);
  });

  test('a forced singleton with a request-scoped dependency fails at startup', async () => {
    class Me {
      static expose = ['get'] as const;
      static readonly scope = 'singleton';
      @inject(Ctx) accessor ctx!: { user: string };
      get() {}
    }
    const definition = controllerRoutes(Me);
    const route = new ProviderRegistry();
    for (const [key, provider] of definition.providers) route.provide(key, provider);
    const plan = compilePlan(route, { controller: definition.controller }, 'route GET /me');
    await assert.rejects(plan.prepare(), (error) => {
      assert.ok(error instanceof InjectionGraphError);
      assert.deepEqual(error.problems, ['singleton Me depends on request-scoped Context: Me → Context']);
      return true;
    });
  });

  test('a missing dependency names the controller and the route', async () => {
    class Orders {
      static expose = ['get'] as const;
      static inject = [Clock] as const;
      constructor(readonly clock: Clock) {}
      get() {}
    }
    const definition = controllerRoutes(Orders);
    const route = new ProviderRegistry();
    for (const [key, provider] of definition.providers) route.provide(key, provider);
    const plan = compilePlan(route, { controller: definition.controller }, 'route GET /orders');
    await assert.rejects(plan.prepare(), (error) => {
      assert.ok(error instanceof InjectionGraphError);
      assert.deepEqual(error.problems, ['no provider for Clock, needed by Orders ← route GET /orders']);
      return true;
    });
  });
});

describe('controller request hooks', () => {
  function hooked(
    log: string[],
    behaviour: { begin?: unknown; beginThrows?: unknown; method?: 'throw'; end?: 'throw' },
  ) {
    class Hooked {
      static expose = ['get'] as const;
      beginRequest() {
        log.push('begin');
        if (behaviour.beginThrows !== undefined) throw behaviour.beginThrows;
        return behaviour.begin;
      }
      get(input: unknown) {
        log.push(`get ${String(input)}`);
        if (behaviour.method === 'throw') throw new HttpError(409, 'taken');
        return 'done';
      }
      endRequest() {
        log.push('end');
        if (behaviour.end === 'throw') throw new Error('end failed');
      }
    }
    return { definition: controllerRoutes(Hooked), controller: new Hooked() };
  }

  test('beginRequest, the method, then endRequest', async () => {
    const log: string[] = [];
    const { definition, controller } = hooked(log, {});
    assert.equal(await definition.action('get')('in', { controller }, fakeCtx()), 'done');
    assert.deepEqual(log, ['begin', 'get in', 'end']);
  });

  test('beginRequest answering a value stops the request; endRequest still runs', async () => {
    const log: string[] = [];
    const { definition, controller } = hooked(log, { begin: { status: 401 } });
    assert.deepEqual(await definition.action('get')('in', { controller }, fakeCtx()), { status: 401 });
    assert.deepEqual(log, ['begin', 'end']);
    const stopped = hooked([], { begin: stop('early') });
    assert.equal(
      await stopped.definition.action('get')('in', { controller: stopped.controller }, fakeCtx()),
      'early',
    );
  });

  test('beginRequest throwing an HttpError or a stop ends the request; endRequest still runs', async () => {
    const log: string[] = [];
    const { definition, controller } = hooked(log, { beginThrows: new HttpError(401, 'who are you') });
    await assert.rejects(Promise.resolve(definition.action('get')('in', { controller }, fakeCtx())), {
      message: 'who are you',
    });
    assert.deepEqual(log, ['begin', 'end']);
    const stopped = hooked([], { beginThrows: stop('out') });
    await assert.rejects(
      Promise.resolve(stopped.definition.action('get')('in', { controller: stopped.controller }, fakeCtx())),
      (error) => isStop(error) && error.result === 'out',
    );
  });

  test('endRequest runs when the method throws, and the method error wins', async () => {
    const log: string[] = [];
    const { definition, controller } = hooked(log, { method: 'throw', end: 'throw' });
    await assert.rejects(Promise.resolve(definition.action('get')('in', { controller }, fakeCtx(log))), {
      message: 'taken',
    });
    assert.deepEqual(log, [
      'begin',
      'get in',
      'end',
      'log: endRequest failed after the action had already failed',
    ]);
  });

  test('an endRequest failure after a successful method is the answer', async () => {
    const { definition, controller } = hooked([], { end: 'throw' });
    await assert.rejects(Promise.resolve(definition.action('get')('in', { controller }, fakeCtx())), {
      message: 'end failed',
    });
  });

  test('without hooks the action is a direct call (sync stays sync)', () => {
    class Plain {
      static expose = ['get'] as const;
      get(input: unknown) {
        return input;
      }
    }
    const definition = controllerRoutes(Plain);
    assert.equal(definition.action('get')(5, { controller: new Plain() }, fakeCtx()), 5);
  });
});
