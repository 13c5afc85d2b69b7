import { createOrdersApp } from './app.js';

const port = Number(process.env.PORT ?? 3000);
const container = await createOrdersApp({
  database: process.env.ORDERS_DB === 'postgres' ? 'postgres' : 'files',
});
const address = await container.listen({ port, host: process.env.HOST ?? '127.0.0.1' });
container.logger.info(`orders service on http://${address.address}:${address.port} (try GET /shops)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    container.close().then(
      () => {
        container.logger.info(`stopped on ${signal}`);
        process.exit(0);
      },
      (error: unknown) => {
        container.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
