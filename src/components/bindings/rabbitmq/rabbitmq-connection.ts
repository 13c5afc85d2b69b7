import type { Channel, ChannelModel, ConfirmChannel } from 'amqplib';
import type { ComponentContext } from '../../binding-component.js';
import { sleep } from '../../clock.js';
import { loadDriver } from '../../driver-loader.js';
import { queueOptions, type RabbitmqMetadata, safeHost } from './rabbitmq-metadata.js';

type Amqp = typeof import('amqplib');

/**
 * One direction's connection to RabbitMQ: connects, declares the queue, and hands each new
 * channel to `ready`. When the connection or channel is lost it reconnects after
 * `reconnectWaitInSeconds`, again and again, until closed, as Dapr's component does.
 */
export class RabbitmqConnection<C extends Channel> {
  private model: ChannelModel | undefined;
  private channel: C | undefined;
  private closed = false;
  private generation = 0;
  private readonly stopWaiting = new AbortController();
  private reconnecting: Promise<void> | undefined;

  constructor(
    private readonly context: ComponentContext,
    private readonly metadata: RabbitmqMetadata,
    private readonly role: 'input' | 'output',
    private readonly ready: (channel: C) => Promise<void>,
  ) {}

  /** The open channel, or undefined while disconnected. */
  get current(): C | undefined {
    return this.channel;
  }

  /** The first connection: a failure is the component's start-up error. */
  async open(): Promise<void> {
    const amqp = await loadDriver('bindings.rabbitmq', 'amqplib', () => import('amqplib'));
    try {
      await this.connect(amqp);
    } catch (error) {
      throw new Error(
        `rabbitmq binding: cannot connect to ${safeHost(this.metadata.host)}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopWaiting.abort();
    await this.reconnecting;
    await this.reset();
  }

  private async connect(amqp: Amqp): Promise<void> {
    const { metadata, context } = this;
    const tls = {
      ...(metadata.caCert === undefined ? {} : { ca: [metadata.caCert] }),
      ...(metadata.clientCert === undefined ? {} : { cert: metadata.clientCert }),
      ...(metadata.clientKey === undefined ? {} : { key: metadata.clientKey }),
    };
    const model = await amqp.connect(metadata.host, {
      ...tls,
      ...(metadata.externalSasl ? { credentials: amqp.credentials.external() } : {}),
      clientProperties: { connection_name: `bindery ${context.name} ${this.role}` },
    });
    const generation = ++this.generation;
    const onLost = (error?: Error) => this.lost(generation, amqp, error);
    model.on('error', (error: Error) => context.logger.debug({ err: error }, 'rabbitmq connection error'));
    model.on('close', onLost);
    try {
      const channel = (
        this.role === 'output' ? await model.createConfirmChannel() : await model.createChannel()
      ) as C;
      channel.on('error', (error: Error) => context.logger.debug({ err: error }, 'rabbitmq channel error'));
      channel.on('close', () => onLost());
      await channel.assertQueue(metadata.queueName, queueOptions(metadata));
      this.model = model;
      this.channel = channel;
      await this.ready(channel);
    } catch (error) {
      this.generation++;
      await model.close().catch(() => undefined);
      throw error;
    }
    context.logger.info(`connected to RabbitMQ (${this.role}, queue ${metadata.queueName})`);
  }

  private lost(generation: number, amqp: Amqp, error: Error | undefined): void {
    if (generation !== this.generation || this.closed) return;
    this.generation++;
    this.context.logger.warn(
      { err: error },
      `rabbitmq ${this.role} connection lost; reconnecting every ${this.metadata.reconnectWaitInSeconds}ms`,
    );
    this.reconnecting = (async () => {
      await this.reset();
      while (!this.closed) {
        await sleep(this.context.clock, this.metadata.reconnectWaitInSeconds, this.stopWaiting.signal);
        if (this.closed) return;
        try {
          await this.connect(amqp);
          return;
        } catch (cause) {
          this.context.logger.warn({ err: cause }, `rabbitmq reconnect failed: ${(cause as Error).message}`);
        }
      }
    })();
  }

  private async reset(): Promise<void> {
    const model = this.model;
    const channel = this.channel;
    this.model = undefined;
    this.channel = undefined;
    this.generation++;
    // The channel first: its close is answered only once the broker processed the channel's
    // earlier frames (the last acks), which closing the connection alone does not wait for.
    await channel?.close().catch(() => undefined);
    await model?.close().catch(() => undefined);
  }
}

export type { ConfirmChannel };
