/** prom-client's module, loaded on first use: apps without metrics never install or load it. */
export type PromClient = typeof import('prom-client');

export async function loadPromClient(): Promise<PromClient> {
  try {
    return await import('prom-client');
  } catch (error) {
    throw new Error('metrics need the optional dependency prom-client: npm install prom-client', {
      cause: error,
    });
  }
}
