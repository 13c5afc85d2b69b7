import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Container, WebService } from '../../src/index.js';
import {
  type LookupResult,
  Router,
  type RouteTable,
  type RouteTableFactory,
  type RouteTableSettings,
} from '../../src/router/index.js';

/** A route table that keeps Router's answers and records what the container asked of it. */
class RecordingTable<T> implements RouteTable<T> {
  readonly calls: string[] = [];
  private readonly inner: Router<T>;

  constructor(readonly settings: RouteTableSettings) {
    this.inner = new Router<T>(settings);
  }
  add(method: string, template: string, value: T): void {
    this.calls.push(`add ${method} ${template}`);
    this.inner.add(method, template, value);
  }
  remove(method: string, template: string): boolean {
    this.calls.push(`remove ${method} ${template}`);
    return this.inner.remove(method, template);
  }
  lookup(method: string, path: string): LookupResult<T> {
    this.calls.push(`lookup ${method} ${path}`);
    return this.inner.lookup(method, path);
  }
  allowed(path: string): readonly string[] {
    this.calls.push(`allowed ${path}`);
    return this.inner.allowed(path);
  }
}

/** A factory that keeps every table it makes in `tables`. */
function recordInto(tables: RecordingTable<unknown>[]): RouteTableFactory {
  return <T>(settings: RouteTableSettings) => {
    const table = new RecordingTable<T>(settings);
    tables.push(table as RecordingTable<unknown>);
    return table;
  };
}

describe('ContainerOptions.router', () => {
  test('the container registers, looks up and lists methods through the table it was given', async () => {
    const tables: RecordingTable<unknown>[] = [];
    const container = new Container({
      trailingSlash: 'strict',
      limits: { paramLength: 20 },
      router: recordInto(tables),
    });
    const ws = new WebService('/shops');
    ws.get('/{id:int}').to(({ path }) => ({ id: path.id }));
    container.add(ws);

    const found = await container.inject({ url: '/shops/7' });
    assert.deepEqual(found.json(), { id: 7 });
    const wrongMethod = await container.inject({ method: 'DELETE', url: '/shops/7' });
    assert.equal(wrongMethod.status, 405);

    assert.equal(tables.length, 1);
    const [table] = tables;
    assert.deepEqual(table!.settings, { maxParamLength: 20, trailingSlash: 'strict' });
    assert.deepEqual(table!.calls, [
      'add GET /shops/{id:int}',
      'lookup GET /shops/7',
      'lookup DELETE /shops/7',
      'allowed /shops/7',
    ]);
    await container.close();
  });

  test('each host pattern gets a table of its own from the factory', async () => {
    const tables: RecordingTable<unknown>[] = [];
    const container = new Container({ router: recordInto(tables) });
    const api = new WebService('/', { host: 'api.example.com' });
    api.get('/who').to(() => 'api');
    const plain = new WebService('/');
    plain.get('/who').to(() => 'default');
    container.add(api).add(plain);

    const res = await container.inject({ url: '/who', headers: { host: 'api.example.com' } });
    assert.equal(res.json(), 'api');
    assert.equal(tables.length, 2);
    assert.ok(tables.every((table) => table.calls.includes('add GET /who')));
    await container.close();
  });
});
