import assert from 'node:assert/strict';
import { test } from 'node:test';
import { token } from '../../src/inject/index.js';
import {
  type BeforeActivation,
  type ControllerParams,
  type ControllerRoute,
  controllerRoutes,
  get,
  inject,
  type MethodNames,
  registerController,
} from '../../src/mvc/index.js';
import type { WebService } from '../../src/service/index.js';
import { type Equal, expectType } from '../support/type-assert.js';

const Port = token<number>('Port');
class Clock {
  now(): number {
    return 1;
  }
}

class Orders {
  static expose = ['getBy'] as const;
  static inject = [Clock] as const;
  static params = { getBy: '{id:int}' } satisfies ControllerParams<Orders>;
  static beforeActivation(b: BeforeActivation<Orders>): void {
    b.handle('GET', '/x', 'render');
  }
  @inject(Port) accessor port!: number;
  readonly label = 'orders';
  constructor(readonly clock: Clock) {}
  getBy(): number {
    return this.port;
  }
  render(): string {
    return 'x';
  }
  @get('/{id:int}/lines') lines(): string[] {
    return [];
  }
}

expectType<Equal<MethodNames<Orders>, 'getBy' | 'render' | 'lines'>>();

class Typo {
  static expose = ['getBy'] as const;
  // @ts-expect-error getByy is not a method
  static params = { getByy: '{id:int}' } satisfies ControllerParams<Typo>;
  getBy(): void {}
}

class WrongField {
  static expose = ['get'] as const;
  // @ts-expect-error the token provides a number, the accessor holds a string
  @inject(Port) accessor port!: string;
  get(): void {}
}

class WrongCtor {
  static expose = ['get'] as const;
  static inject = [Port] as const;
  constructor(readonly clock: Clock) {}
  get(): void {}
}

const definition = controllerRoutes(Orders);
const routes: readonly ControllerRoute[] = definition.routes;
expectType<
  Equal<
    ReturnType<typeof definition.action> extends (
      input: unknown,
      deps: { readonly controller: Orders },
      ctx: never,
    ) => unknown
      ? true
      : false,
    true
  >
>();

/** Mistakes the type checker must refuse; never called, so nothing happens at run time. */
export function refused(b: BeforeActivation<Orders>, ws: WebService): void {
  // @ts-expect-error not a method of Orders
  b.handle('GET', '/y', 'nothing');
  // @ts-expect-error a field, not a method
  b.skip('label');
  // @ts-expect-error the constructor wants a Clock, static inject declares a number
  registerController(ws, WrongCtor);
}

function registerAll(ws: WebService): void {
  registerController(ws, Orders);
}

test('controller types compile (the assertions above are checked by tsc)', () => {
  assert.equal(routes.length, 3);
  assert.equal(typeof registerAll, 'function');
  assert.ok(Typo && WrongField);
});
