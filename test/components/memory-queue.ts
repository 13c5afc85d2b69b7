import { defineBindingType, type InputHandler } from '../../src/components/binding-component.js';
import { defineMetadata } from '../../src/components/metadata-fields.js';

interface Item {
  readonly data: Uint8Array;
  readonly metadata: Record<string, string>;
  deliveries: number;
}

/** An in-memory queue: acknowledged items leave it, refused ones go back to its head. */
export class MemoryQueue {
  readonly items: Item[] = [];
  private readonly listeners = new Set<() => void>();

  push(data: string, metadata: Record<string, string> = {}): void {
    this.items.push({ data: new TextEncoder().encode(data), metadata, deliveries: 0 });
    for (const listener of this.listeners) listener();
  }

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const queues = new Map<string, MemoryQueue>();

export function queue(name: string): MemoryQueue {
  let q = queues.get(name);
  if (q === undefined) {
    q = new MemoryQueue();
    queues.set(name, q);
  }
  return q;
}

/** The most handler calls that were ever pending at once, per queue. */
export const peakInFlight = new Map<string, number>();

const fields = defineMetadata({
  queue: { type: 'string', required: true, description: 'Queue name.' },
});

/** A test double of a broker binding: output `create` enqueues; input takes up to maxInFlight at once. */
export const memoryQueueBinding = defineBindingType({
  type: 'bindings.memqueue',
  description: 'Test double',
  operations: ['create'],
  metadata: fields,
  create: () => {
    let name = '';
    return {
      async init(metadata) {
        name = metadata.queue;
      },
      operations: () => ['create'] as const,
      async invoke(request) {
        queue(name).push(new TextDecoder().decode(request.data), { ...request.metadata });
        return null;
      },
      async close() {},
    };
  },
  createInput: () => {
    let name = '';
    let stopped = false;
    let unlisten = () => {};
    return {
      async init(metadata) {
        name = metadata.queue;
      },
      async read(handler: InputHandler, { maxInFlight }) {
        const q = queue(name);
        let inFlight = 0;
        const pump = () => {
          while (!stopped && inFlight < maxInFlight && q.items.length > 0) {
            const item = q.items.shift()!;
            item.deliveries++;
            inFlight++;
            peakInFlight.set(name, Math.max(peakInFlight.get(name) ?? 0, inFlight));
            // Settled on a later turn, as a broker's acknowledgement would be, so a refusal
            // loop never starves the event loop.
            const settle = (refused: boolean) =>
              setImmediate(() => {
                if (refused) q.items.unshift(item);
                inFlight--;
                pump();
              });
            handler({ data: item.data, metadata: item.metadata }).then(
              () => settle(false),
              () => settle(true),
            );
          }
        };
        unlisten = q.listen(pump);
        pump();
      },
      async stop() {
        stopped = true;
        unlisten();
      },
      async close() {
        stopped = true;
        unlisten();
      },
    };
  },
});
