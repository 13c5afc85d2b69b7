import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { factory, token, value } from '../../src/inject/index.js';
import {
  type AfterActivation,
  any,
  type BeforeActivation,
  ControllerError,
  type ControllerExpose,
  type ControllerParams,
  controllerRoutes,
  del,
  endpoint,
  get,
  head,
  inject,
  patch,
  post,
  put,
  route,
} from '../../src/mvc/index.js';

function summary(Controller: Parameters<typeof controllerRoutes>[0]): string[] {
  return controllerRoutes(Controller).routes.map(
    (r) => `${r.method} ${r.path} → ${r.handlerName} (${r.from})`,
  );
}

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ControllerError, `expected a ControllerError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('expected a ControllerError');
}

describe('controllerRoutes: names', () => {
  test('public methods named by the rules become routes, others do not', () => {
    class Orders {
      static expose = [
        'get',
        'getBy',
        'postLogin',
        'getUserBy',
        'getByWildcard',
        'anyPing',
        'getAPIKeys',
      ] as const;
      get() {}
      getBy() {}
      postLogin() {}
      getUserBy() {}
      getByWildcard() {}
      anyPing() {}
      getAPIKeys() {}
      format() {}
      beginRequest() {}
      endRequest() {}
    }
    assert.deepEqual(summary(Orders), [
      'GET / → get (name)',
      'GET /{id} → getBy (name)',
      'POST /login → postLogin (name)',
      'GET /user/{id} → getUserBy (name)',
      'GET /{rest:path} → getByWildcard (name)',
      '* /ping → anyPing (name)',
      'GET /api/keys → getAPIKeys (name)',
    ]);
  });

  test('static params types the By segments', () => {
    class Orders {
      static expose = ['getBy', 'getUserByPostBy', 'getFilesByWildcard'] as const;
      static params = {
        getBy: '{id:int min(1)}',
        getUserByPostBy: ['{user:int}', '{post:uuid}'],
        getFilesByWildcard: '{file:path}',
      } satisfies ControllerParams<Orders>;
      getBy() {}
      getUserByPostBy() {}
      getFilesByWildcard() {}
    }
    assert.deepEqual(summary(Orders), [
      'GET /{id:int min(1)} → getBy (name)',
      'GET /user/{user:int}/post/{post:uuid} → getUserByPostBy (name)',
      'GET /files/{file:path} → getFilesByWildcard (name)',
    ]);
  });

  test('bad params declarations are reported together', () => {
    class Orders {
      static expose = ['getBy', 'getUserBy', 'getByWildcard', 'getNothing'] as const;
      static params = {
        getBy: ['{id:int}', '{x}'],
        getUserBy: 'id',
        getByWildcard: '{rest:int}',
        getNothing: '{id}',
        format: '{id}',
      };
      getBy() {}
      getUserBy() {}
      getByWildcard() {}
      getNothing() {}
      format() {}
    }
    assert.deepEqual(
      problemsOf(() => controllerRoutes(Orders)),
      [
        'params.getBy gives 2 segments but the name has 1 By',
        'params.getUserBy: "id" is not one path parameter like {id} or {id:int}',
        'params.getByWildcard: {rest:int} stands for ByWildcard, so it must take the rest of the path (like {rest:path})',
        'params.getNothing gives 1 segment but the name has 0 By',
        'params.format: no method of that name is routed by its name',
      ],
    );
  });

  test('a misplaced ByWildcard is a startup error', () => {
    class Files {
      static expose = ['getByWildcardMeta'] as const;
      getByWildcardMeta() {}
    }
    assert.deepEqual(
      problemsOf(() => controllerRoutes(Files)),
      ['getByWildcardMeta: ByWildcard takes the rest of the path, so it must end the name'],
    );
  });

  test('inherited methods count, base class first; each class exposes its own', () => {
    class Base {
      static expose: readonly string[] = ['getHealth'];
      getHealth() {}
    }
    class Orders extends Base {
      static override expose: readonly string[] = ['getBy'];
      getBy() {}
    }
    assert.deepEqual(summary(Orders), ['GET /health → getHealth (name)', 'GET /{id} → getBy (name)']);
  });
});

describe('controllerRoutes: exposure', () => {
  test('a method named like a route is not one unless exposed: TypeScript private leaves no trace', () => {
    class Accounts {
      static expose = ['getBy'] as const satisfies ControllerExpose<Accounts>;
      getBy() {
        return this.getSecret().length;
      }
      private getSecret() {
        return 'secret';
      }
      @endpoint({ doc: 'the balance' })
      getBalance() {}
      deleteAll() {}
    }
    assert.deepEqual(summary(Accounts), ['GET /{id} → getBy (name)', 'GET /balance → getBalance (name)']);
  });

  test('bad expose lists are reported together', () => {
    class Orders {
      static expose = ['getBy', 'getNothing', 'format', 'getOne'];
      getBy() {}
      format() {}
      @get('/one')
      getOne() {}
    }
    assert.deepEqual(
      problemsOf(() => controllerRoutes(Orders)),
      [
        'expose lists format, but its name says no route (see the naming rules)',
        'expose lists getNothing, which is not a method of the controller',
        'expose lists getOne, which a decorator already routes',
      ],
    );
  });
});

describe('controllerRoutes: decorators', () => {
  test('decorated methods are routed by the decorator, not by their names', () => {
    const body = { type: 'object' };
    class Orders {
      static expose = ['post'] as const;
      @get('/{id:int}', { doc: 'one order', tags: ['orders'] })
      getBy() {}
      @post('/{id:int}/cancel')
      cancel() {}
      @put('/{id:int}') replace() {}
      @patch('/{id:int}') amend() {}
      @del('/{id:int}') remove() {}
      @head('/{id:int}') exists() {}
      @any('/echo') echo() {}
      @route('options', '/') describeAll() {}
      @get('/a')
      @get('/b')
      twice() {}
      @endpoint({ bind: { body } as never, returns: [{ status: 201, description: 'created' }] })
      post() {}
    }
    const routes = controllerRoutes(Orders).routes;
    assert.deepEqual(
      routes.map((r) => `${r.method} ${r.path} → ${r.handlerName} (${r.from})`),
      [
        'POST / → post (name)',
        'GET /{id:int} → getBy (decorator)',
        'POST /{id:int}/cancel → cancel (decorator)',
        'PUT /{id:int} → replace (decorator)',
        'PATCH /{id:int} → amend (decorator)',
        'DELETE /{id:int} → remove (decorator)',
        'HEAD /{id:int} → exists (decorator)',
        '* /echo → echo (decorator)',
        'OPTIONS / → describeAll (decorator)',
        'GET /a → twice (decorator)',
        'GET /b → twice (decorator)',
      ],
    );
    assert.equal(routes[1]?.doc, 'one order');
    assert.deepEqual(routes[1]?.tags, ['orders']);
    assert.deepEqual(routes[0]?.bind, { body });
    assert.deepEqual(routes[0]?.returns, [{ status: 201, description: 'created' }]);
  });

  test('@endpoint options also reach decorated routes, which win field by field', () => {
    class Orders {
      @get('/x', { doc: 'from get' })
      @endpoint({ doc: 'from endpoint', notes: 'kept' })
      x() {}
    }
    const [only] = controllerRoutes(Orders).routes;
    assert.equal(only?.doc, 'from get');
    assert.equal(only?.notes, 'kept');
  });

  test('private methods can be routed by decorator', () => {
    class Orders {
      // biome-ignore lint/correctness/noUnusedPrivateClassMembers: the decorator is what reaches it
      @get('/secret') #secret() {
        return 'hidden';
      }
    }
    const definition = controllerRoutes(Orders);
    assert.deepEqual(
      definition.routes.map((r) => r.handlerName),
      ['#secret'],
    );
    const ctx = {} as never;
    assert.equal(definition.action('#secret')(undefined, { controller: new Orders() }, ctx), 'hidden');
  });

  test('decorators refuse static members and unknown methods at class definition', () => {
    assert.throws(
      () => {
        class Bad {
          @get('/x') static x() {}
          get() {}
        }
        return Bad;
      },
      { message: '@get cannot decorate static method x: routes run on instances' },
    );
    assert.throws(
      () => {
        class Bad {
          static expose = ['get'] as const;
          @inject(token<number>('Port')) static accessor port = 1;
          get() {}
        }
        return Bad;
      },
      { message: '@inject cannot decorate static accessor port: dependencies go to instances' },
    );
    assert.throws(() => route('FETCH' as never, '/'), { message: '@route: unknown HTTP method "FETCH"' });
    assert.throws(() => inject(undefined as never), {
      message: '@inject(key): key must be a token or a class, got undefined (a circular import?)',
    });
  });

  test('subclasses inherit decorated routes and field injections', () => {
    const Port = token<number>('Port');
    class Base {
      @inject(Port) accessor port!: number;
      @get('/base') base() {}
    }
    class Orders extends Base {
      @get('/own') own() {}
    }
    const definition = controllerRoutes(Orders);
    assert.deepEqual(
      definition.routes.map((r) => r.path),
      ['/base', '/own'],
    );
    assert.deepEqual(
      controllerRoutes(Base).routes.map((r) => r.path),
      ['/base'],
      'the parent keeps only its own',
    );
    const [, provider] = definition.providers[0] ?? [];
    assert.ok(provider !== undefined);
  });
});

describe('controllerRoutes: activation and checks', () => {
  test('beforeActivation adds routes, skips methods and provides dependencies', () => {
    const Port = token<number>('Port');
    const port = value(8080);
    let seen: readonly string[] = [];
    class Orders {
      static expose = ['get', 'getDebug'] as const;
      static beforeActivation(b: BeforeActivation<Orders>) {
        seen = b.routes.map((r) => r.handlerName);
        b.handle('get', '/{id:int}/pdf', 'render', { produces: ['application/pdf'] });
        b.skip('getDebug');
        b.provide(Port, port);
      }
      get() {}
      getDebug() {}
      render() {}
    }
    const definition = controllerRoutes(Orders);
    assert.deepEqual(seen, ['get', 'getDebug']);
    assert.deepEqual(
      definition.routes.map((r) => `${r.method} ${r.path} → ${r.handlerName} (${r.from})`),
      ['GET / → get (name)', 'GET /{id:int}/pdf → render (activation)'],
    );
    assert.deepEqual(definition.routes[1]?.produces, ['application/pdf']);
    assert.equal(definition.providers[0]?.[0], Orders);
    assert.deepEqual(definition.providers[1], [Port, port]);
  });

  test('beforeActivation mistakes are reported', () => {
    class Orders {
      static expose = ['get'] as const;
      static beforeActivation(b: BeforeActivation<Orders>) {
        b.handle('GET', '/x', 'nope' as never);
        b.handle('FETCH' as never, '/y', 'get');
        b.skip('gone' as never);
      }
      get() {}
    }
    assert.deepEqual(
      problemsOf(() => controllerRoutes(Orders)),
      [
        'beforeActivation: handle(GET /x): the controller has no method nope',
        'beforeActivation: handle(FETCH /y): unknown HTTP method',
        'beforeActivation: skip(gone): the controller has no method gone',
      ],
    );
  });

  test('two routes on the same method and path are refused', () => {
    class Orders {
      static expose = ['getBy'] as const;
      getBy() {}
      @get('/{id}') show() {}
    }
    assert.deepEqual(
      problemsOf(() => controllerRoutes(Orders)),
      ['GET /{id} is routed to both getBy and show'],
    );
  });

  test('a controller without routes is refused', () => {
    class Empty {
      helper() {}
    }
    let caught: unknown;
    try {
      controllerRoutes(Empty);
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof ControllerError);
    assert.equal(
      caught.message,
      'controller Empty has 1 problem:\n  - no method is a route: list methods named by the rules in static expose, decorate one, or add one in beforeActivation',
    );
    assert.equal(caught.controller, 'Empty');
  });

  test('constructor arguments must all be declared', () => {
    const Port = token<number>('Port');
    class Orders {
      static expose = ['get'] as const;
      static inject = [Port] as const;
      constructor(
        readonly port: number,
        readonly extra: string,
      ) {}
      get() {}
    }
    assert.deepEqual(
      problemsOf(() => controllerRoutes(Orders as never)),
      ['the constructor takes 2 arguments but static inject declares 1'],
    );
  });

  test('scope: auto by default, static scope, afterActivation overrides; bad values refused', () => {
    class Auto {
      static expose = ['get'] as const;
      get() {}
    }
    class PerRequest {
      static expose = ['get'] as const;
      static readonly scope = 'request';
      get() {}
    }
    let routesSeen = 0;
    class Forced {
      static expose = ['get'] as const;
      static afterActivation(a: AfterActivation<Forced>) {
        routesSeen = a.routes.length;
        assert.equal(a.scope, 'auto');
        a.singleton();
      }
      get() {}
    }
    class Fresh {
      static expose = ['get'] as const;
      static afterActivation(a: AfterActivation<Fresh>) {
        a.perRequest();
      }
      get() {}
    }
    class Bad {
      static expose = ['get'] as const;
      static readonly scope = 'session' as never;
      get() {}
    }
    assert.equal(controllerRoutes(Auto).scope, 'auto');
    assert.equal(controllerRoutes(PerRequest).scope, 'request');
    assert.equal(controllerRoutes(Forced).scope, 'singleton');
    assert.equal(routesSeen, 1);
    assert.equal(controllerRoutes(Fresh).scope, 'request');
    assert.deepEqual(
      problemsOf(() => controllerRoutes(Bad)),
      [`scope must be 'auto', 'singleton' or 'request', not "session"`],
    );
  });

  test('afterActivation sees the dependencies, constructor first', () => {
    const Port = token<number>('Port');
    const Host = token<string>('Host');
    let labels: string[] = [];
    class Orders {
      static expose = ['get'] as const;
      static inject = [Port] as const;
      static afterActivation(a: AfterActivation<Orders>) {
        labels = a.dependencies.map((d) => d.label);
      }
      @inject(Host) accessor host!: string;
      constructor(readonly port: number) {}
      get() {}
    }
    controllerRoutes(Orders);
    assert.deepEqual(labels, ['constructor argument 1', 'field host']);
  });

  test('action() refuses names that answer no route', () => {
    class Orders {
      static expose = ['get'] as const;
      get() {}
    }
    assert.throws(() => controllerRoutes(Orders).action('post'), {
      message: 'Orders has no route answered by post',
    });
  });

  test('a provider given in beforeActivation is a plain provider', () => {
    const Greeting = token<string>('Greeting');
    const greeting = factory(() => 'hi');
    class Orders {
      static expose = ['get'] as const;
      static beforeActivation(b: BeforeActivation<Orders>) {
        b.provide(Greeting, greeting);
      }
      get() {}
    }
    assert.equal(controllerRoutes(Orders).providers[1]?.[1], greeting);
  });
});
