import { addGlobalDefs } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { z } from 'zod';
import {
  BindingsRuntime,
  Container,
  created,
  daprHttpService,
  get,
  noContent,
  post,
  scopes,
  securityScheme,
  t,
  WebService,
} from '../../src/index.js';

export const bearer = securityScheme('bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
export const oauth = securityScheme('oauth', {
  type: 'oauth2',
  flows: {
    clientCredentials: {
      tokenUrl: 'https://auth.example.com/token',
      scopes: { 'items:write': 'change items' },
    },
  },
});

/** Every macro and function, each on its own path so no two OpenAPI paths are equivalent. */
export const MACRO_TEMPLATES = [
  '/m/string/{v:string min(2) max(8)}',
  '/m/int/{v:int}',
  '/m/int-range/{v:int range(1,10)}',
  '/m/int8/{v:int8}',
  '/m/int16/{v:int16}',
  '/m/int32/{v:int32}',
  '/m/int64/{v:int64}',
  '/m/uint/{v:uint}',
  '/m/uint8/{v:uint8}',
  '/m/uint16/{v:uint16}',
  '/m/uint32/{v:uint32}',
  '/m/uint64/{v:uint64}',
  '/m/bool/{v:bool}',
  '/m/alphabetical/{v:alphabetical}',
  '/m/file/{v:file}',
  '/m/uuid/{v:uuid}',
  '/m/email/{v:email}',
  '/m/weekday/{v:weekday}',
  '/m/regexp/{v:string regexp([a-z]{3})}',
  '/m/prefix/{v:string prefix(v1.) suffix(.json)}',
  '/m/contains/{v:string contains(+)}',
  '/m/eq/{v:int eq(7)}',
  '/m/eqor/{v:string eqor(red,green)}',
  '/m/regex/{v:[0-9]+-[a-z]+}',
  '/m/plain/{v}',
  '/m/else/{v:int min(1) else 400}',
  '/m/else422/{v:uuid else 422}',
  '/m/verb/{v:int}:cancel',
  '/m/date/{v:date}',
  '/m/tail/{rest:path}',
  '/m/compound/{lat:int}-{lng:int}',
  '/m/version/v{n:uint8}',
] as const;

/** Templates whose last parameter is optional: each is documented as two paths. */
export const OPTIONAL_TEMPLATES = ['/opt/users/{id?:int min(1)}', '/opt/files/{rest:*?}'] as const;

const Address = t.Object(
  { street: t.String({ description: 'Street and number' }), city: t.String() },
  { $id: 'Address' },
);
const Item = t.Object(
  { id: t.String({ format: 'uuid' }), name: t.String({ minLength: 1 }), address: Address },
  { $id: 'Item' },
);

const ZodLine = z.object({ sku: z.string(), qty: z.number().int().min(1) }).meta({ id: 'ZodLine' });
const ZodCart = z.object({ lines: z.array(ZodLine).min(1), note: z.string().optional() });

const ValiTag = v.object({ label: v.pipe(v.string(), v.maxLength(20)) });
addGlobalDefs({ ValiTag });
const ValiTagged = v.object({ tags: v.array(ValiTag), color: v.picklist(['red', 'blue']) });

class ReportsController {
  @get('/{id:int min(1)}', { doc: 'One report', tags: ['reports'], security: [[bearer], []] })
  one(input: { path: { id: number } }) {
    return { id: input.path.id };
  }

  @post('/', {
    doc: 'File a report',
    bind: { body: t.Object({ title: t.String() }) },
    returns: [{ status: 201, description: 'filed', schema: t.Object({ id: t.Integer() }) }],
  })
  file() {
    return created({ id: 1 });
  }
}

/** A container using every macro and every bind/returns shape the document maps. */
export function fullApp(): Container {
  const container = new Container({ logger: false });

  const macros = new WebService('/').tags('macros');
  for (const template of MACRO_TEMPLATES) macros.get(template).to(() => 'ok');
  macros
    .get(OPTIONAL_TEMPLATES[0])
    .operation('getUser')
    .to(() => 'ok');
  macros.get(OPTIONAL_TEMPLATES[1]).to(() => 'ok');

  const items = new WebService('/items').doc('Items and their files').tags('items').security(bearer);
  items
    .get('/')
    .doc('Search items')
    .operation('searchItems')
    .bind({
      query: t.Object({
        q: t.Optional(t.String({ description: 'Words to look for' })),
        page: t.Integer({ minimum: 1, default: 1 }),
        ids: t.Optional(t.Array(t.String(), { collectionFormat: 'csv' })),
        words: t.Optional(t.Array(t.String(), { collectionFormat: 'ssv' })),
        codes: t.Optional(t.Array(t.Integer(), { collectionFormat: 'pipes' })),
        cells: t.Optional(t.Array(t.String(), { collectionFormat: 'tsv' })),
        tag: t.Optional(t.Array(t.String())),
        filter: t.Optional(t.Object({ status: t.String(), owner: t.String() })),
        since: t.Optional(t.Date()),
        old: t.Optional(t.Boolean({ deprecated: true })),
      }),
      headers: t.Object({
        'x-tenant': t.String({ description: 'Tenant id' }),
        'x-trace': t.Optional(t.Array(t.String())),
        accept: t.Optional(t.String()),
      }),
      cookies: t.Object({ session: t.Optional(t.String()) }),
    })
    .returns(200, 'matching items', t.Array(Item))
    .security()
    .to(() => []);
  items
    .post('/')
    .doc('Create an item')
    .bind({ body: t.Omit(Item, ['id']) })
    .returns(201, 'the item', Item)
    .returns(409, 'an item with this name exists')
    .security(scopes(oauth, 'items:write'))
    .metadata('owner', 'catalog-team')
    .metadata('x-rate-limit', 100)
    .metadata('handlerRef', () => undefined)
    .to(() => created({}));
  items
    .put('/{id:uuid}')
    .bind({ path: t.Object({ id: t.String({ description: 'The item id' }) }), body: Item })
    .returns(200, 'the item', Item)
    .returns(204, 'nothing changed')
    .deprecate()
    .to(() => noContent());
  items
    .post('/{id:uuid}/form')
    .consumes('application/x-www-form-urlencoded', 'application/json')
    .bind({ body: t.Object({ name: t.String(), count: t.Integer() }) })
    .to(() => 'ok');
  items
    .post('/{id:uuid}/files')
    .doc('Upload files')
    .limits({ fileSize: 1024 * 1024, files: 3 })
    .bind({
      body: t.Object({
        caption: t.Optional(t.String()),
        picture: t.File({ mediaTypes: ['image/png', 'image/jpeg'], maxSize: 512 * 1024 }),
        attachments: t.Optional(t.Array(t.File())),
      }),
    })
    .returns(204, 'stored')
    .to(() => noContent());
  items
    .patch('/{id:uuid}/note')
    .consumes('text/plain')
    .bind({ body: t.Optional(t.String({ maxLength: 500 })) })
    .to(() => 'ok');
  items
    .get('/{id:uuid}/raw')
    .produces('application/octet-stream', 'text/plain')
    .to(() => 'raw');

  const carts = new WebService('/carts').tags('carts');
  carts
    .post('/')
    .doc('A zod body')
    .bind({ body: ZodCart, query: z.object({ dry: z.enum(['yes', 'no']).optional() }) })
    .returns(201, 'the cart', ZodCart)
    .to(() => created({}));
  carts
    .post('/tagged')
    .doc('A valibot body')
    .bind({ body: ValiTagged })
    .returns(200, 'the tags', ValiTagged)
    .to(() => ({ tags: [], color: 'red' }));

  const tenants = new WebService('/tenant-info', { host: '{tenant}.example.com' }).tags('tenants');
  tenants
    .get('/')
    .doc("The tenant's settings")
    .to(() => ({}));
  const admin = new WebService('/admin', { host: 'admin.example.com' }).tags('admin');
  admin
    .delete('/cache')
    .returns(204, 'emptied')
    .to(() => noContent());

  const reports = new WebService('/reports').controller(ReportsController);

  const runtime = new BindingsRuntime({ logger: container.logger });
  container.add(macros).add(items).add(carts).add(tenants).add(admin).add(reports);
  container.add(daprHttpService(runtime));
  return container;
}
