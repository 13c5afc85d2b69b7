import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  compilePlan,
  disposable,
  factory,
  ProviderRegistry,
  type RequestScope,
  SinglePlanScope,
  seeded,
  token,
} from '../../src/inject/index.js';

const Req = seeded<{ id: number }>('Req');

/** Stands in for the request: records what the scope asks it to dispose at the end. */
class FakeRequest {
  readonly deferred: RequestScope[] = [];
  defer(scope: RequestScope): void {
    this.deferred.push(scope);
  }
}

describe('SinglePlanScope', () => {
  test('one request-scoped value feeds every dependent of the plan, from the seed', async () => {
    let made = 0;
    const Session = token<{ id: number; n: number }>('Session');
    const A = token<{ session: { n: number } }>('A');
    const B = token<{ session: { n: number } }>('B');
    const registry = new ProviderRegistry()
      .provide(
        Session,
        factory({ req: Req }, ({ req }) => ({ id: req.id, n: ++made }), { scope: 'request' }),
      )
      .provide(
        A,
        factory({ session: Session }, ({ session }) => ({ session }), { scope: 'transient' }),
      )
      .provide(
        B,
        factory({ session: Session }, ({ session }) => ({ session }), { scope: 'transient' }),
      );
    const plan = compilePlan(registry, { a: A, b: B, session: Session }, 'route GET /x');
    await plan.prepare();
    const request = new FakeRequest();
    const deps = await plan.resolve(new SinglePlanScope(Req, { id: 7 }, request));
    assert.equal(made, 1);
    assert.equal(deps.a.session, deps.session);
    assert.equal(deps.b.session, deps.session);
    assert.equal(deps.session.id, 7);
    assert.deepEqual(request.deferred, [], 'nothing disposable: nothing to defer');
  });

  test('the first disposer defers one scope, which runs them all newest first', async () => {
    const order: string[] = [];
    const First = token<string>('First');
    const Second = token<string>('Second');
    const registry = new ProviderRegistry()
      .provide(
        First,
        factory(() => disposable('first', () => order.push('first')), { scope: 'request' }),
      )
      .provide(
        Second,
        factory({ first: First }, ({ first }) => `${first}+second`, {
          scope: 'request',
          dispose: () => order.push('second'),
        }),
      );
    const plan = compilePlan(registry, { second: Second }, 'route GET /y');
    await plan.prepare();
    const request = new FakeRequest();
    const deps = await plan.resolve(new SinglePlanScope(Req, { id: 1 }, request));
    assert.equal(deps.second, 'first+second');
    assert.equal(request.deferred.length, 1);
    await request.deferred[0]!.dispose();
    assert.deepEqual(order, ['second', 'first']);
  });

  test('a seed it was not given is reported, naming the token', async () => {
    const Other = seeded<string>('Other');
    const Needs = token<string>('Needs');
    const registry = new ProviderRegistry().provide(
      Needs,
      factory({ other: Other }, ({ other }) => other, { scope: 'request' }),
    );
    const plan = compilePlan(registry, { needs: Needs }, 'route GET /z');
    await plan.prepare();
    assert.throws(
      () => plan.resolve(new SinglePlanScope(Req, { id: 1 }, new FakeRequest())),
      /Other is seeded per request, but this request scope has no value for it/,
    );
  });
});
