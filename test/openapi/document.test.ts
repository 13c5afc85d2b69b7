import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { daprHttpService } from '../../src/components/index.js';
import {
  BindingsRuntime,
  Container,
  type OpenApiDocument,
  OpenApiDocumentError,
  t,
  WebService,
} from '../../src/index.js';
import type { OperationObject, ParameterObject, ResponseObject } from '../../src/openapi/index.js';
import { assertValidDocument } from './document-check.js';
import { fullApp, MACRO_TEMPLATES } from './full-app.js';

const options = {
  info: { title: 'Full app', version: '2.0.0' },
  servers: [{ url: 'http://localhost:3000' }],
};
const full = fullApp();
const documentPromise = full.openapi(options);

function operation(
  document: OpenApiDocument,
  path: string,
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
): OperationObject {
  const found = document.paths[path]?.[method];
  assert.ok(found, `${method.toUpperCase()} ${path} is documented`);
  return found;
}

function param(op: OperationObject, name: string): ParameterObject {
  const found = op.parameters?.find((p) => p.name === name);
  assert.ok(found, `parameter ${name}`);
  return found;
}

describe('the document of an app using every macro and bind/returns shape', () => {
  test('is a valid OpenAPI 3.1 document and Spectral finds no error', async () => {
    const document = await documentPromise;
    assert.equal(document.openapi, '3.1.1');
    assert.deepEqual(document.info, { title: 'Full app', version: '2.0.0' });
    await assertValidDocument(document);
  });

  test('documents every macro as the router accepts it', async () => {
    const document = await documentPromise;
    const schemaOf = (template: string) => {
      const path = template.replace(/\{([A-Za-z_]+)[^}]*\}/g, '{$1}').replace('{v:[0-9]+-[a-z]+}', '{v}');
      return param(operation(document, path, 'get'), template.includes('{rest') ? 'rest' : 'v').schema;
    };
    const safe = Number.MAX_SAFE_INTEGER;
    assert.deepEqual(schemaOf('/m/int/{v}'), { type: 'integer', minimum: -safe, maximum: safe });
    assert.deepEqual(schemaOf('/m/int-range/{v}'), { type: 'integer', minimum: 1, maximum: 10 });
    assert.deepEqual(schemaOf('/m/int8/{v}'), { type: 'integer', minimum: -128, maximum: 127 });
    assert.deepEqual(schemaOf('/m/int32/{v}'), {
      type: 'integer',
      format: 'int32',
      minimum: -(2 ** 31),
      maximum: 2 ** 31 - 1,
    });
    assert.deepEqual(schemaOf('/m/int64/{v}'), { type: 'integer', format: 'int64' });
    assert.deepEqual(schemaOf('/m/uint64/{v}'), { type: 'integer', format: 'uint64', minimum: 0 });
    assert.deepEqual(schemaOf('/m/bool/{v}'), { type: 'boolean' });
    assert.deepEqual(schemaOf('/m/uuid/{v}'), { type: 'string', format: 'uuid' });
    assert.deepEqual(schemaOf('/m/email/{v}'), { type: 'string', format: 'email' });
    assert.deepEqual(schemaOf('/m/string/{v}'), { type: 'string', minLength: 2, maxLength: 8 });
    assert.deepEqual(schemaOf('/m/eq/{v}'), { type: 'integer', minimum: -safe, maximum: safe, enum: [7] });
    assert.deepEqual(schemaOf('/m/eqor/{v}'), { type: 'string', enum: ['red', 'green'] });
    assert.deepEqual(schemaOf('/m/regex/{v}'), { type: 'string', pattern: '^(?:[0-9]+-[a-z]+)$' });
    assert.deepEqual(schemaOf('/m/plain/{v}'), { type: 'string' });
    const pattern = (path: string) => new RegExp(String(schemaOf(path).pattern), 'u');
    assert.ok(pattern('/m/alphabetical/{v}').test('abc') && !pattern('/m/alphabetical/{v}').test('a1'));
    assert.ok(pattern('/m/file/{v}').test('a.txt') && !pattern('/m/file/{v}').test('a b'));
    assert.ok(pattern('/m/weekday/{v}').test('Monday') && !pattern('/m/weekday/{v}').test('7'));
    assert.ok(pattern('/m/regexp/{v}').test('abc') && !pattern('/m/regexp/{v}').test('abcd'));
    assert.ok(pattern('/m/prefix/{v}').test('v1.x.json') && !pattern('/m/prefix/{v}').test('v2.x.json'));
    assert.ok(pattern('/m/contains/{v}').test('a+b') && !pattern('/m/contains/{v}').test('ab'));
    assert.ok(pattern('/m/date/{v}').test('2026/11/30'));
    const date = param(operation(document, '/m/date/{v}', 'get'), 'v');
    assert.equal(date['x-bindery-segments'], 3);
    const tail = param(operation(document, '/m/tail/{rest}', 'get'), 'rest');
    assert.equal(tail['x-bindery-tail'], true);
    assert.match(String(tail.description), /rest of the path/);
    assert.ok(document.paths['/m/verb/{v}:cancel']?.get, 'a custom verb keeps its suffix');
    const compound = operation(document, '/m/compound/{lat}-{lng}', 'get');
    assert.deepEqual(
      compound.parameters?.map((p) => p.name),
      ['lat', 'lng'],
    );
    assert.deepEqual(param(operation(document, '/m/version/v{n}', 'get'), 'n').schema, {
      type: 'integer',
      minimum: 0,
      maximum: 255,
    });
    assert.equal(
      Object.keys(document.paths).filter((p) => p.startsWith('/m/')).length,
      MACRO_TEMPLATES.length,
    );
  });

  test('an optional last parameter gives the path without it and the path with it', async () => {
    const document = await documentPromise;
    const without = operation(document, '/opt/users', 'get');
    const withId = operation(document, '/opt/users/{id}', 'get');
    assert.equal(without.parameters, undefined);
    assert.equal(without.operationId, 'getUser');
    assert.equal(withId.operationId, 'getUserById');
    assert.equal(param(withId, 'id').required, true);
    assert.equal(operation(document, '/opt/files', 'get').operationId, 'getOptFiles');
    assert.equal(operation(document, '/opt/files/{rest}', 'get').operationId, 'getOptFilesByRest');
  });

  test('a failing macro answers 404, or its else status', async () => {
    const document = await documentPromise;
    const responses = (path: string) => operation(document, path, 'get').responses;
    assert.deepEqual(responses('/m/int/{v}')['404'], { $ref: '#/components/responses/NotFound' });
    assert.equal(responses('/m/plain/{v}')['404'], undefined, 'a plain parameter always matches');
    assert.deepEqual(responses('/m/else/{v}')['400'], { $ref: '#/components/responses/BadRequest' });
    assert.equal(responses('/m/else/{v}')['404'], undefined);
    const custom = responses('/m/else422/{v}')['422'] as ResponseObject;
    assert.deepEqual(custom.content, {
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    });
  });

  test('query, header and cookie schemas become parameters with their wire styles', async () => {
    const search = operation(await documentPromise, '/items', 'get');
    assert.equal(search.operationId, 'searchItems');
    assert.equal(param(search, 'page').required, undefined, 'a default makes a value optional');
    assert.equal(param(search, 'q').description, 'Words to look for');
    assert.deepEqual(
      ['ids', 'words', 'codes', 'tag'].map((name) => [
        param(search, name).style,
        param(search, name).explode,
      ]),
      [
        ['form', false],
        ['spaceDelimited', false],
        ['pipeDelimited', false],
        ['form', true],
      ],
    );
    assert.equal(param(search, 'cells')['x-bindery-collection-format'], 'tsv');
    assert.equal(param(search, 'filter').style, 'deepObject');
    assert.deepEqual(param(search, 'since').schema, { type: 'string', format: 'date-time' });
    assert.equal(param(search, 'old').deprecated, true);
    assert.equal(param(search, 'x-tenant').in, 'header');
    assert.equal(param(search, 'x-tenant').required, true);
    assert.equal(param(search, 'x-trace').style, 'simple');
    assert.equal(param(search, 'session').in, 'cookie');
    assert.equal(
      search.parameters?.find((p) => p.name === 'accept'),
      undefined,
      'Accept is described by the responses, not as a parameter',
    );
    for (const p of search.parameters ?? []) {
      assert.equal(JSON.stringify(p).includes('collectionFormat"'), false, 'binding options stay out');
    }
  });

  test('a bound path schema narrows the template parameter', async () => {
    const put = operation(await documentPromise, '/items/{id}', 'put');
    const id = param(put, 'id');
    assert.equal(id.description, 'The item id');
    assert.deepEqual(id.schema, {
      allOf: [
        { type: 'string', format: 'uuid' },
        { description: 'The item id', type: 'string' },
      ],
    });
    assert.equal(put.deprecated, true);
  });

  test('bodies per media type: JSON by default, forms as declared, multipart files as binary with limits', async () => {
    const document = await documentPromise;
    const create = operation(document, '/items', 'post');
    assert.deepEqual(Object.keys(create.requestBody?.content ?? {}), ['application/json']);
    assert.equal(create.requestBody?.required, true);
    const form = operation(document, '/items/{id}/form', 'post');
    assert.deepEqual(Object.keys(form.requestBody?.content ?? {}), [
      'application/x-www-form-urlencoded',
      'application/json',
    ]);
    const upload = operation(document, '/items/{id}/files', 'post').requestBody!;
    const multipart = upload.content['multipart/form-data']!;
    const properties = (multipart.schema as { properties: Record<string, Record<string, unknown>> })
      .properties;
    assert.deepEqual(properties.picture, { type: 'string', format: 'binary', 'x-bindery-max-size': 524288 });
    assert.deepEqual(properties.attachments, { type: 'array', items: { type: 'string', format: 'binary' } });
    assert.deepEqual(multipart.encoding, { picture: { contentType: 'image/png, image/jpeg' } });
    assert.deepEqual(upload['x-bindery-limits'], {
      bodySize: 1024 * 1024,
      fileSize: 1024 * 1024,
      files: 3,
      fields: 100,
      parts: 110,
      fieldSize: 65536,
    });
    const note = operation(document, '/items/{id}/note', 'patch').requestBody!;
    assert.equal(note.required, false, 'an optional body is not required');
    assert.deepEqual(note.content['text/plain'], { schema: { maxLength: 500, type: 'string' } });
  });

  test('responses: declared ones with their schemas, then the errors the pipeline can give', async () => {
    const document = await documentPromise;
    const create = operation(document, '/items', 'post');
    assert.deepEqual(Object.keys(create.responses), ['201', '400', '406', '409', '413', '415', '500']);
    assert.deepEqual((create.responses['201'] as ResponseObject).content, {
      'application/json': { schema: { $ref: '#/components/schemas/Item' } },
    });
    assert.deepEqual((create.responses['409'] as ResponseObject).content, {
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    });
    const put = operation(document, '/items/{id}', 'put');
    assert.deepEqual(put.responses['204'], { description: 'nothing changed' });
    const raw = operation(document, '/items/{id}/raw', 'get');
    assert.deepEqual((raw.responses['200'] as ResponseObject).content, {
      'application/octet-stream': {},
      'text/plain': {},
    });
    const components = document.components!;
    assert.deepEqual(Object.keys(components.responses ?? {}).sort(), [
      'BadRequest',
      'InternalError',
      'NotAcceptable',
      'NotFound',
      'PayloadTooLarge',
      'UnsupportedMediaType',
    ]);
    const problem = components.schemas?.Problem as { properties: Record<string, unknown> };
    assert.ok(problem.properties.errors, 'the Problem component lists binding errors');
  });

  test('named schemas are components defined once: TypeBox $id, zod meta id, valibot global definitions', async () => {
    const document = await documentPromise;
    const schemas = document.components!.schemas!;
    assert.deepEqual(Object.keys(schemas).sort(), [
      'Address',
      // The Dapr API's invocation body.
      'DaprBindingRequest',
      'Item',
      'Problem',
      'ValiTag',
      'ZodLine',
      'ZodLineOutput',
    ]);
    assert.deepEqual((schemas.Item as { properties: Record<string, unknown> }).properties.address, {
      $ref: '#/components/schemas/Address',
    });
    const cart = operation(document, '/carts', 'post');
    const input = JSON.stringify(cart.requestBody);
    const output = JSON.stringify(cart.responses['201']);
    assert.match(input, /#\/components\/schemas\/ZodLine"/);
    assert.match(
      output,
      /#\/components\/schemas\/ZodLineOutput"/,
      'zod closes output objects: a second name',
    );
    assert.deepEqual(param(cart, 'dry').schema, { type: 'string', enum: ['yes', 'no'] });
    assert.match(JSON.stringify(operation(document, '/carts/tagged', 'post').requestBody), /ValiTag/);
    assert.doesNotMatch(JSON.stringify(document), /\$defs|"\$schema"|"\$id"/);
  });

  test('tags, security, metadata extensions and operation ids', async () => {
    const document = await documentPromise;
    assert.deepEqual(document.tags?.[0], { name: 'macros' });
    assert.deepEqual(
      document.tags?.find((tag) => tag.name === 'items'),
      { name: 'items', description: 'Items and their files' },
    );
    const create = operation(document, '/items', 'post');
    assert.deepEqual(create.security, [{ oauth: ['items:write'] }]);
    assert.deepEqual(
      operation(document, '/items', 'get').security,
      [{}],
      'an open route in a secured service',
    );
    assert.deepEqual(operation(document, '/items/{id}', 'put').security, [{ bearer: [] }]);
    assert.deepEqual(Object.keys(document.components?.securitySchemes ?? {}), ['bearer', 'oauth']);
    assert.equal(create['x-owner'], 'catalog-team');
    assert.equal(create['x-rate-limit'], 100);
    assert.equal(create['x-handlerRef'], undefined, 'functions are not JSON');
    assert.equal(create.operationId, 'postItems');
    const ids = Object.values(document.paths).flatMap((item) =>
      Object.values(item).flatMap((op) =>
        typeof op === 'object' && 'operationId' in op ? [op.operationId] : [],
      ),
    );
    assert.equal(new Set(ids).size, ids.length, 'operation ids are unique');
  });

  test('controllers, host groups and the Dapr API are documented like any service', async () => {
    const document = await documentPromise;
    assert.equal(operation(document, '/reports/{id}', 'get').summary, 'One report');
    assert.deepEqual(operation(document, '/reports/{id}', 'get')['x-controller'], {
      name: 'ReportsController',
      handler: 'one',
    });
    assert.ok(operation(document, '/reports', 'post').responses['201']);
    assert.deepEqual(operation(document, '/reports/{id}', 'get').security, [{ bearer: [] }, {}]);
    assert.deepEqual(document.paths['/tenant-info']?.servers, [
      { url: 'http://{tenant}.example.com', variables: { tenant: { default: 'tenant' } } },
    ]);
    assert.deepEqual(document.paths['/admin/cache']?.servers, [{ url: 'http://admin.example.com' }]);
    assert.equal(operation(document, '/v1.0/bindings/{name}', 'post').summary, 'Invoke an output binding');
    assert.ok(
      operation(document, '/v1.0/bindings/{name}', 'get'),
      'an any-method route covers the free methods',
    );
    // A literal host wins over a pattern, and a matched group is all that host reaches.
    const admin = await full.openapi({ host: 'admin.example.com' });
    assert.deepEqual(Object.keys(admin.paths), ['/admin/cache']);
    const tenant = await full.openapi({ host: 'acme.example.com' });
    assert.deepEqual(Object.keys(tenant.paths), ['/tenant-info']);
    const plain = await full.openapi({ host: 'localhost' });
    assert.ok(plain.paths['/items'] && !plain.paths['/admin/cache'] && !plain.paths['/tenant-info']);
  });
});

describe('container.openapi()', () => {
  test('is built once per route table and rebuilt when routes change', async () => {
    const container = new Container({ logger: false });
    const ws = new WebService('/a');
    ws.get('/one').to(() => 1);
    container.add(ws);
    const first = await container.openapi();
    assert.equal(await container.openapi(), first, 'the same document while nothing changes');
    ws.get('/two').to(() => 2);
    const second = await container.openapi();
    assert.notEqual(second, first);
    assert.ok(second.paths['/a/two']);
    ws.removeRoute('GET', '/one');
    assert.equal((await container.openapi()).paths['/a/one'], undefined);
  });

  test('reports every schema it cannot describe, by route and source', async () => {
    const container = new Container({ logger: false });
    const ws = new WebService('/x');
    ws.post('/dates')
      .bind({ body: z.object({ at: z.date() }) })
      .to(() => 1);
    ws.get('/fn')
      .returns(200, 'a function', t.Function([], t.String()))
      .to(() => () => 'text');
    container.add(ws);
    await assert.rejects(container.openapi(), (error: unknown) => {
      assert.ok(error instanceof OpenApiDocumentError);
      assert.equal(error.code, 'BND_ERR_OPENAPI_DOCUMENT');
      assert.equal(error.issues.length, 2);
      assert.match(error.issues[0]!, /route POST \/x\/dates, body schema: .*Date cannot be represented/);
      assert.match(
        error.issues[1]!,
        /route GET \/x\/fn, 200 response schema: .*TypeBox Function has no JSON form/,
      );
      return true;
    });
  });

  test('refuses one operation id declared twice and two schemas under one name', async () => {
    const container = new Container({ logger: false });
    const ws = new WebService('/x');
    ws.get('/a')
      .operation('same')
      .returns(200, 'a', t.Object({ a: t.String() }, { $id: 'Thing' }))
      .to(() => ({ a: 'a' }));
    ws.get('/b')
      .operation('same')
      .returns(200, 'b', t.Object({ b: t.String() }, { $id: 'Thing' }))
      .to(() => ({ b: 'b' }));
    container.add(ws);
    await assert.rejects(container.openapi(), (error: unknown) => {
      assert.ok(error instanceof OpenApiDocumentError);
      assert.match(error.message, /operation id "same" is declared by both GET \/x\/a and GET \/x\/b/);
      assert.match(error.message, /two different schemas are named "Thing"/);
      return true;
    });
  });

  test('derived operation ids are stable whatever order routes are added in', async () => {
    const build = async (order: string[]) => {
      const container = new Container({ logger: false });
      const ws = new WebService('/');
      for (const path of order) ws.get(path).to(() => 1);
      container.add(ws);
      const document = await container.openapi();
      return Object.fromEntries(
        Object.entries(document.paths).map(([path, item]) => [path, item.get?.operationId]),
      );
    };
    const one = await build(['/a-b', '/a_b', '/a/{id:int}']);
    assert.deepEqual(one, await build(['/a/{id:int}', '/a_b', '/a-b']));
    assert.deepEqual(one, { '/a-b': 'getAB', '/a/{id}': 'getAById', '/a_b': 'getAB2' });
  });

  test('routes with metadata openapi: false and routes the include option rejects are left out', async () => {
    const container = new Container({ logger: false });
    const ws = new WebService('/');
    ws.get('/shown').to(() => 1);
    ws.get('/hidden')
      .metadata('openapi', false)
      .to(() => 1);
    ws.get('/internal').to(() => 1);
    container.add(ws);
    const document = await container.openapi({ include: (route) => !route.template.startsWith('/internal') });
    assert.deepEqual(Object.keys(document.paths), ['/shown']);
  });

  test('the Dapr HTTP API alone is a valid document', async () => {
    const container = new Container({ logger: false });
    container.add(daprHttpService(new BindingsRuntime({ logger: container.logger })));
    const document = await container.openapi({ info: { title: 'Dapr', version: '1.0' } });
    await assertValidDocument(document);
    // The bodies the handlers read themselves are described as Dapr defines them.
    for (const method of ['post', 'put'] as const) {
      assert.deepEqual(operation(document, '/v1.0/bindings/{name}', method).requestBody?.content, {
        'application/json': { schema: { $ref: '#/components/schemas/DaprBindingRequest' } },
      });
    }
    const invoke = document.components?.schemas?.DaprBindingRequest;
    assert.ok(invoke, 'the invocation body is a named component');
    assert.deepEqual(invoke.required, ['operation']);
    const properties = invoke.properties as Record<string, { additionalProperties?: unknown }>;
    assert.deepEqual(Object.keys(properties), ['operation', 'data', 'metadata']);
    assert.deepEqual(properties.metadata?.additionalProperties, { type: 'string' });
    const metadata = operation(document, '/v1.0/metadata/{key}', 'put').requestBody;
    assert.equal(metadata?.content['text/plain']?.schema?.type, 'string');
    assert.equal(operation(document, '/v1.0/shutdown', 'post').requestBody, undefined);
  });
});
