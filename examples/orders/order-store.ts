import { type BindingClient, binding, factory, type Provider, token } from '../../src/index.js';
import type { Order } from './order.js';

/** Where orders live; the app picks the implementation from its configuration. */
export interface OrderStore {
  save(order: Order): Promise<void>;
  find(shopId: number, id: string): Promise<Order | undefined>;
  list(shopId: number): Promise<Order[]>;
}

export const OrderStoreToken = token<OrderStore>('OrderStore');

const fileStore = binding('orders-store', ['create', 'get', 'list']);
const database = binding('orders-db', ['exec', 'query']);

/** Orders as JSON files through a `bindings.localstorage` component (the embedded default). */
class FileOrderStore implements OrderStore {
  constructor(private readonly files: BindingClient<'create' | 'get' | 'list'>) {}

  async save(order: Order): Promise<void> {
    await this.files.invoke('create', order, { fileName: `${order.shopId}-${order.id}.json` });
  }

  async find(shopId: number, id: string): Promise<Order | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    try {
      return (await this.files.invoke('get', undefined, { fileName: `${shopId}-${id}.json` })).json<Order>();
    } catch (error) {
      if (error instanceof Error && error.message.includes('file not found')) return undefined;
      throw error;
    }
  }

  async list(shopId: number): Promise<Order[]> {
    const listed = await this.files.invoke('list');
    const paths = listed.hasResponse ? (listed.json<string[] | null>() ?? []) : [];
    const prefix = `${shopId}-`;
    const names = paths.map((p) => p.slice(p.lastIndexOf('/') + 1)).filter((n) => n.startsWith(prefix));
    const orders = await Promise.all(
      names.map(async (fileName) => (await this.files.invoke('get', undefined, { fileName })).json<Order>()),
    );
    return orders.sort((a, b) => a.placedAt.localeCompare(b.placedAt));
  }
}

type Row = [string, number, string, number, string, number, string, string, string];

/** Orders in PostgreSQL through a `bindings.postgresql` component. */
class SqlOrderStore implements OrderStore {
  constructor(private readonly db: BindingClient<'exec' | 'query'>) {}

  async init(): Promise<this> {
    await this.db.invoke('exec', undefined, {
      sql: `CREATE TABLE IF NOT EXISTS bindery_orders (
        id text PRIMARY KEY, shop_id integer NOT NULL, item text NOT NULL, qty integer NOT NULL,
        tags text NOT NULL, total double precision NOT NULL, placed_at text NOT NULL,
        request_id text NOT NULL, session text NOT NULL)`,
    });
    return this;
  }

  async save(o: Order): Promise<void> {
    await this.db.invoke('exec', undefined, {
      sql: 'INSERT INTO bindery_orders VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      params: JSON.stringify([
        o.id,
        o.shopId,
        o.item,
        o.qty,
        JSON.stringify(o.tags),
        o.total,
        o.placedAt,
        o.requestId,
        o.session,
      ]),
    });
  }

  async find(shopId: number, id: string): Promise<Order | undefined> {
    const rows = await this.query('SELECT * FROM bindery_orders WHERE shop_id = $1 AND id = $2', [
      shopId,
      id,
    ]);
    return rows[0];
  }

  list(shopId: number): Promise<Order[]> {
    return this.query('SELECT * FROM bindery_orders WHERE shop_id = $1 ORDER BY placed_at', [shopId]);
  }

  private async query(sql: string, params: unknown[]): Promise<Order[]> {
    const result = await this.db.invoke('query', undefined, { sql, params: JSON.stringify(params) });
    return result.json<Row[]>().map(([id, shopId, item, qty, tags, total, placedAt, requestId, session]) => ({
      id,
      shopId,
      item,
      qty,
      tags: JSON.parse(tags) as string[],
      total,
      placedAt,
      requestId,
      session,
    }));
  }
}

/** The store provider: PostgreSQL when asked for, JSON files otherwise. */
export function orderStoreProvider(kind: 'files' | 'postgres'): Provider<OrderStore> {
  return kind === 'postgres'
    ? factory({ db: database }, ({ db }) => new SqlOrderStore(db).init())
    : factory({ files: fileStore }, ({ files }) => new FileOrderStore(files));
}
