import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CliUsageError } from '../../src/cli/cli-io.js';
import { ComponentLoadError } from '../../src/components/index.js';
import { errorTypeUri, isStartupError, StartupError } from '../../src/http/index.js';
import { token, value } from '../../src/inject/index.js';
import { RouteConflictError, Router, TemplateError } from '../../src/router/index.js';
import { Container, WebService } from '../../src/service/index.js';

// What a user sees when a declaration or a start fails: an error whose `code` is in the registry,
// whose message names what is at fault, and whose named class (where there is one) still works.

describe('declaration and startup errors carry a registry code', () => {
  test('the named error classes are StartupErrors with their own code and name', () => {
    const router = new Router<number>();
    router.add('GET', '/a/{id:int}', 1);
    assert.throws(
      () => router.add('GET', '/a/{n:int}', 2),
      (error: unknown) => {
        assert.ok(error instanceof RouteConflictError);
        assert.ok(isStartupError(error));
        assert.equal(error.code, 'BND_ERR_ROUTE_CONFLICT');
        assert.equal(error.name, 'RouteConflictError');
        assert.equal(error.docs, errorTypeUri('BND_ERR_ROUTE_CONFLICT'));
        assert.match(error.message, /\/a\/\{n:int\}.*\/a\/\{id:int\}/);
        return true;
      },
    );
    assert.throws(() => router.add('GET', '/b/{', 3), {
      name: 'TemplateError',
      code: 'BND_ERR_ROUTE_TEMPLATE',
    });
    assert.ok(new TemplateError('/x', 1, 'why') instanceof StartupError);
    assert.equal(new ComponentLoadError(['x']).code, 'BND_ERR_COMPONENT_LOAD');
    assert.equal(new CliUsageError('x').code, 'BND_ERR_CLI_USAGE');
  });

  test('argument mistakes stay TypeErrors and carry a code', () => {
    assert.throws(
      () => Router.macro('two words', (s) => s),
      (error: unknown) => {
        assert.ok(error instanceof TypeError);
        assert.equal((error as TypeError & { code: string }).code, 'BND_ERR_MACRO_DEFINITION');
        return true;
      },
    );
    assert.throws(() => new Router({ maxParamLength: 0 }), {
      name: 'TypeError',
      code: 'BND_ERR_INVALID_OPTION',
    });
  });

  test('a route declared twice names the route and its web service', () => {
    const ws = new WebService('/shop');
    ws.get('/items').to(() => []);
    assert.throws(() => ws.get('/items').to(() => []), {
      code: 'BND_ERR_ROUTE_CONFLICT',
      message: /GET \/shop\/items.*web service \/shop/,
    });
  });

  test('two services on one root name the root', () => {
    const container = new Container().add(new WebService('/api'));
    assert.throws(() => container.add(new WebService('/api')), {
      code: 'BND_ERR_WEB_SERVICE',
      message: /root \/api/,
    });
  });

  test('a provider for a key given twice names the key', () => {
    const Greeting = token<string>('Greeting');
    const container = new Container();
    container.providers.provide(Greeting, value('hi'));
    assert.throws(() => container.providers.provide(Greeting, value('hello')), {
      code: 'BND_ERR_PROVIDER',
      message: /Greeting/,
    });
  });

  test('a route that produces no media type fails ready() naming the route', async () => {
    const ws = new WebService('/docs');
    ws.get('/page')
      .produces()
      .to(() => 'x');
    await assert.rejects(new Container().add(ws).ready(), {
      code: 'BND_ERR_MEDIA_TYPE',
      message: /route GET \/docs\/page must produce/,
    });
  });

  test('a missing provider fails ready() with the graph code', async () => {
    const Missing = token<string>('Missing');
    const ws = new WebService('/a');
    ws.get('/')
      .inject({ missing: Missing })
      .to(() => 'x');
    await assert.rejects(new Container().add(ws).ready(), {
      name: 'InjectionGraphError',
      code: 'BND_ERR_INJECTION_GRAPH',
      message: /Missing/,
    });
  });
});
