import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../', import.meta.url));

/**
 * Every name src/index.ts exports, values and types alike. The root entry lists each export by
 * name (no `export *`), so reading its syntax is enough and needs no type checker.
 */
function rootExportNames(): string[] {
  const path = `${root}src/index.ts`;
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    const clause = statement.exportClause;
    assert.ok(clause !== undefined && ts.isNamedExports(clause), 'src/index.ts must name each export');
    for (const element of clause.elements) names.push(element.name.text);
  }
  return names.sort();
}

// The root entry is what a service author uses; growing it is a deliberate change made here.
// Extension points belong behind a subpath (binderyjs/http, /components, /testing, /router, /cli).
const rootExports = [
  'AfterActivation',
  'BeforeActivation',
  'BindOptions',
  'BindingClient',
  'BindingDeclarationError',
  'BindingError',
  'BindingOperations',
  'BindingResult',
  'BindingRouteOptions',
  'BindingsRuntime',
  'BindingsRuntimeOptions',
  'BoundInput',
  'ComponentLoadError',
  'CompressionOptions',
  'Container',
  'ContainerLifecycle',
  'ContainerOptions',
  'Context',
  'ControllerError',
  'ControllerExpose',
  'ControllerParams',
  'ControllerScope',
  'CorsOptions',
  'DeclaredOutput',
  'ErrorCode',
  'ErrorCodeInfo',
  'ErrorHandler',
  'FileKind',
  'FileOptions',
  'Filter',
  'HandlerOutput',
  'HeaderMap',
  'HealthCheck',
  'HealthCheckResult',
  'HealthProbeOptions',
  'HealthReport',
  'HttpError',
  'HttpErrorOptions',
  'InjectOptions',
  'InjectResponse',
  'InjectableClass',
  'InjectionGraphError',
  'InjectionKey',
  'Limits',
  'ListenOptions',
  'Next',
  'OpenApiDocument',
  'OpenApiDocumentError',
  'OpenApiOptions',
  'Params',
  'ProblemDetails',
  'ProblemInput',
  'ProblemItem',
  'ProblemLocation',
  'PrometheusMetrics',
  'PrometheusMetricsOptions',
  'Provider',
  'RequestLoggerOptions',
  'Result',
  'ReturnsDoc',
  'RouteBuilder',
  'RouteHandler',
  'RouteLimits',
  'RouteOptions',
  'Scope',
  'SecurityRequirement',
  'SecurityScheme',
  'SecuritySchemeDefinition',
  'ServeOpenApiOptions',
  'ServedOpenApi',
  'Skip',
  'StandardSchemaV1',
  'StartupError',
  'StartupErrorCode',
  'Static',
  'TFile',
  'TSchema',
  'Token',
  'TraceContext',
  'UploadedFile',
  'WebService',
  'WebServiceOptions',
  'WorkerSlot',
  'accepted',
  'any',
  'binding',
  'bindingChecks',
  'bindingRoute',
  'compression',
  'contextToken',
  'cors',
  'created',
  'del',
  'disposable',
  'embeddedLocalStorage',
  'endpoint',
  'factory',
  'get',
  'head',
  'healthProbes',
  'httpError',
  'inject',
  'isBindingError',
  'isHttpError',
  'isStartupError',
  'noContent',
  'patch',
  'post',
  'problem',
  'prometheusMetrics',
  'provideBindings',
  'put',
  'redirect',
  'registerController',
  'registerErrorCode',
  'registerFormat',
  'requestId',
  'requestLogger',
  'route',
  'scopes',
  'securityScheme',
  'seeded',
  'serveOpenApi',
  'skip',
  'status',
  'stop',
  't',
  'token',
  'useClass',
  'value',
  'workerSlot',
];

test('the root entry exports exactly the curated list', () => {
  assert.deepEqual(rootExportNames(), [...rootExports].sort());
});

test('every subpath in package.json exports maps to a source entry of the same path', () => {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
    exports: Record<string, string | { types: string; default: string }>;
  };
  const subpaths = Object.keys(pkg.exports).sort();
  assert.deepEqual(subpaths, [
    '.',
    './cli',
    './client',
    './components',
    './http',
    './openapi',
    './package.json',
    './router',
    './testing',
  ]);
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue;
    const source = target.default.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');
    assert.ok(
      existsSync(`${root}${source}`),
      `${subpath} points at ${target.default}, built from a missing ${source}`,
    );
    assert.equal(target.types, target.default.replace(/\.js$/, '.d.ts'), `${subpath} types`);
  }
});

test('the extension points a component author needs are on binderyjs/components', async () => {
  const components = await import('../src/components/index.js');
  for (const name of ['loadOptionalPeer', 'defineBindingType', 'defineMetadata', 'BindingsRuntime']) {
    assert.ok(name in components, `binderyjs/components lacks ${name}`);
  }
});
