// The service the reliability runs aim at: the example orders service in a process of its own,
// storing orders under DATA_DIR. It prints its port as one JSON line and closes on SIGTERM.
import { createOrdersApp } from '../../examples/orders/app.js';

const dataDir = process.env.DATA_DIR;
if (dataDir === undefined) throw new Error('DATA_DIR must name the folder orders are stored in');
const container = await createOrdersApp({ dataDir, logger: false });
const { port } = await container.listen({ port: 0 });
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.once('SIGTERM', () => {
  container.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
