import { createOrdersApp } from './app.js';

const port = Number(process.env.PORT ?? 3000);
const container = await createOrdersApp({
  database: process.env.ORDERS_DB === 'postgres' ? 'postgres' : 'files',
});
const address = await container.listen({ port, host: process.env.HOST ?? '127.0.0.1' });
const base = `http://${address.address}:${address.port}`;
container.logger.info(`orders service on ${base} (try GET /shops)`);
container.logger.info(`API docs: ${base}/docs`);
container.logger.info(`OpenAPI document: ${base}/openapi.json (YAML: ${base}/openapi.yaml)`);

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
