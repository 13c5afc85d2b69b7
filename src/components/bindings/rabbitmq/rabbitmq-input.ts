import type { Channel, ConsumeMessage } from 'amqplib';
import type { ComponentContext, InputBinding, InputHandler, ReadOptions } from '../../binding-component.js';
import { queryEscape } from './query-escape.js';
import { RabbitmqConnection } from './rabbitmq-connection.js';
import type { RabbitmqMetadata } from './rabbitmq-metadata.js';

/**
 * Consumes the queue with manual acknowledgements: a message is acked once the app answered
 * 2xx, and nacked with requeue otherwise, so the broker delivers it again (to this consumer or
 * another), as Dapr's component does. The broker sends no more unacknowledged messages than
 * the in-flight limit (or `prefetchCount`, when smaller). After a lost connection it reconnects
 * and consumes again; the broker requeues whatever was unacknowledged.
 */
export class RabbitmqInput implements InputBinding<RabbitmqMetadata> {
  private connection: RabbitmqConnection<Channel> | undefined;
  private metadata: RabbitmqMetadata | undefined;
  private handler: InputHandler | undefined;
  private window = 0;
  private consumerTag: string | undefined;
  private stopped = false;
  private readonly settling = new Set<Promise<void>>();

  constructor(private readonly context: ComponentContext) {}

  async init(metadata: RabbitmqMetadata): Promise<void> {
    this.metadata = metadata;
    this.connection = new RabbitmqConnection<Channel>(this.context, metadata, 'input', (channel) =>
      this.consume(channel),
    );
    await this.connection.open();
  }

  async read(handler: InputHandler, options: ReadOptions): Promise<void> {
    const channel = this.connection?.current;
    if (this.stopped) throw new Error('binding already closed');
    this.handler = handler;
    const prefetch = this.metadata?.prefetchCount ?? 0;
    this.window = prefetch > 0 ? Math.min(prefetch, options.maxInFlight) : options.maxInFlight;
    // Without a channel now, the reconnect loop starts consuming once it has one.
    if (channel !== undefined) await this.consume(channel);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const channel = this.connection?.current;
    const tag = this.consumerTag;
    this.consumerTag = undefined;
    if (channel !== undefined && tag !== undefined) await channel.cancel(tag).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.stop();
    await Promise.allSettled([...this.settling]);
    await this.connection?.close();
  }

  private async consume(channel: Channel): Promise<void> {
    const handler = this.handler;
    const metadata = this.metadata;
    if (handler === undefined || metadata === undefined || this.stopped) return;
    await channel.prefetch(this.window);
    const reply = await channel.consume(
      metadata.queueName,
      (message) => {
        if (message !== null) this.handle(channel, handler, message);
      },
      { noAck: false },
    );
    this.consumerTag = reply.consumerTag;
  }

  private handle(channel: Channel, handler: InputHandler, message: ConsumeMessage): void {
    const eventMetadata: Record<string, string> = {};
    // Only string headers travel, their names escaped as daprd escapes them.
    for (const [key, value] of Object.entries(message.properties.headers ?? {})) {
      if (typeof value === 'string') eventMetadata[queryEscape(key)] = value;
    }
    const settled = handler({ data: message.content, metadata: eventMetadata }).then(
      () => channel.ack(message),
      () => channel.nack(message, false, true),
    );
    // A channel lost meanwhile cannot take the ack: the broker requeues the message itself.
    const tracked = settled.catch((error: unknown) =>
      this.context.logger.debug({ err: error }, 'rabbitmq acknowledgement not sent'),
    );
    this.settling.add(tracked);
    void tracked.finally(() => this.settling.delete(tracked));
  }
}
