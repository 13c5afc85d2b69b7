import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Every name a module exports, values and types alike, as the compiler sees them. */
function exportedNames(path: string): string[] {
  const file = `${root}${path}`;
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  assert.ok(source, `${path} is not part of the program`);
  const symbol = checker.getSymbolAtLocation(source);
  assert.ok(symbol, `${path} is not a module`);
  return checker
    .getExportsOfModule(symbol)
    .map((s) => s.name)
    .sort();
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
  'Skip',
  'StandardSchemaV1',
  'StartupError',
  'StartupErrorCode',
  'Static',
  'TFile',
  'TSchema',
  'Token',
  'UploadedFile',
  'WebService',
  'WebServiceOptions',
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
  'skip',
  'status',
  'stop',
  't',
  'token',
  'useClass',
  'value',
];

test('the root entry exports exactly the curated list', () => {
  assert.deepEqual(exportedNames('src/index.ts'), [...rootExports].sort());
});

test('every subpath in package.json exports maps to a source entry of the same path', () => {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
    exports: Record<string, string | { types: string; default: string }>;
  };
  const subpaths = Object.keys(pkg.exports).sort();
  assert.deepEqual(subpaths, [
    '.',
    './cli',
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

test('the extension points a component author needs are on binderyjs/components', () => {
  const names = exportedNames('src/components/index.ts');
  for (const name of ['loadOptionalPeer', 'defineBindingType', 'defineMetadata', 'BindingsRuntime']) {
    assert.ok(names.includes(name), `binderyjs/components lacks ${name}`);
  }
});
