import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import {
  BindingsRuntime,
  Container,
  compression,
  cors,
  embeddedLocalStorage,
  provideBindings,
  requestId,
  requestLogger,
  serveOpenApi,
  value,
  WebService,
} from '../../src/index.js';
import { type Clock, ClockToken, systemClock } from './clock.js';
import { OrderStoreToken, orderStoreProvider } from './order-store.js';
import { ordersService } from './orders-service.js';
import { ShopsController } from './shops-controller.js';

export interface OrdersAppOptions {
  /** Where the embedded store keeps order files (default ./data). */
  dataDir?: string;
  /** `postgres` stores orders through the bindings.postgresql component file. */
  database?: 'files' | 'postgres';
  clock?: Clock;
  logger?: Logger | false;
  /** Origins allowed to call the API from a browser. */
  corsOrigins?: string[];
}

const components = fileURLToPath(new URL('./components', import.meta.url));

/**
 * Builds the orders service: its output bindings, web services, filters and providers. Its
 * type carries every route, so callers type a client from it (see OrdersApp).
 */
export async function createOrdersApp(options: OrdersAppOptions = {}) {
  const database = options.database ?? 'files';
  const container = new Container(options.logger === undefined ? {} : { logger: options.logger });

  // Component files beside the app (an explicit dataDir replaces the store file, as tests do);
  // the postgres folder only when asked for. With no file declaring orders-store, the embedded
  // default keeps orders under dataDir.
  const resourcesPaths = options.dataDir === undefined ? [components] : [];
  if (database === 'postgres') resourcesPaths.push(`${components}/postgres`);
  const runtime = new BindingsRuntime({ resourcesPaths, appId: 'orders', logger: container.logger });
  runtime.addDefault(embeddedLocalStorage('orders-store', options.dataDir ?? './data'));
  await runtime.start();
  provideBindings(container, runtime);
  container.onClose(() => runtime.close());

  container
    .filter(requestId())
    .filter(requestLogger())
    .filter(cors({ origins: options.corsOrigins ?? ['http://localhost:5173'], exposedHeaders: ['location'] }))
    .filter(compression())
    .provide(ClockToken, value(options.clock ?? systemClock))
    .provide(OrderStoreToken, orderStoreProvider(database));

  const health = new WebService('/health').get('/').to(() => ({ status: 'ok' as const }));

  const app = container
    .add(health)
    .add(ordersService())
    .add(new WebService('/shops').controller(ShopsController));
  serveOpenApi(container, { document: ordersDocument });
  return app;
}

/** The app's type: what a client imports (`import type`) to call it with every input and answer typed. */
export type OrdersApp = Awaited<ReturnType<typeof createOrdersApp>>;

/** What the OpenAPI document says beyond the routes. */
export const ordersDocument = {
  info: {
    title: 'Orders',
    version: '1.0.0',
    description: 'Places and reads the orders of the shops in the directory.',
  },
  servers: [{ url: `http://127.0.0.1:${process.env.PORT ?? 3000}`, description: 'npm start' }],
};

/** The app module contract of `bindery openapi` and `bindery routes`: a function returning the container. */
export default createOrdersApp;
