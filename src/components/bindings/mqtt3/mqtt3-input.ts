import type { IPublishPacket, MqttClient } from 'mqtt';
import type { ComponentContext, InputBinding, InputHandler } from '../../binding-component.js';
import { sleep } from '../../clock.js';
import { connectClient } from './mqtt3-client.js';
import { clientOptions, type Mqtt3Metadata } from './mqtt3-metadata.js';

/** daprd's fixed wait between deliveries of a refused message. */
const RETRY_WAIT_MS = 5000;

/**
 * Subscribes with QoS 1 as `<consumerID>-consumer` and acknowledges a message (PUBACK) only
 * once the app answered 2xx. A refused message is delivered again up to `backOffMaxRetries`
 * times, 5 s apart, as Dapr's component does; one still refused stays unacknowledged, so the
 * broker sends it again when the session reconnects. Messages are handled one at a time in
 * arrival order: MQTT 3.1.1 wants acknowledgements in that order, and the socket is not read
 * meanwhile, so a slow app slows the broker instead of filling memory.
 */
export class Mqtt3Input implements InputBinding<Mqtt3Metadata> {
  private metadata: Mqtt3Metadata | undefined;
  private client: MqttClient | undefined;
  private stopped = false;
  private readonly stopWaiting = new AbortController();
  private current: Promise<void> | undefined;

  constructor(private readonly context: ComponentContext) {}

  async init(metadata: Mqtt3Metadata): Promise<void> {
    this.metadata = metadata;
  }

  async read(handler: InputHandler): Promise<void> {
    const metadata = this.metadata;
    if (metadata === undefined || this.stopped) throw new Error('error: binding is closed');
    const { logger } = this.context;
    const clientId = `${metadata.consumerID}-consumer`;
    const client = await connectClient(
      metadata.url,
      { ...clientOptions(metadata, clientId), resubscribe: true },
      (created) => {
        created.handleMessage = (packet, done) => {
          this.current = this.onMessage(handler, packet, done);
        };
      },
    );
    this.client = client;
    client.on('error', (error) => logger.debug({ err: error }, 'mqtt consumer error'));
    client.on('offline', () => logger.warn(`connection with broker with client ID '${clientId}' lost`));
    client.on('reconnect', () =>
      logger.info(`attempting to reconnect to broker with client ID '${clientId}'`),
    );
    // Subscribing on every connection, as daprd does in its OnConnect handler.
    const subscribe = () =>
      client.subscribe(metadata.topic, { qos: 1 }, (error) => {
        if (error) logger.error({ err: error }, `error subscribing to topic ${metadata.topic}`);
      });
    client.on('connect', subscribe);
    await new Promise<void>((resolve, reject) =>
      client.subscribe(metadata.topic, { qos: 1 }, (error) =>
        error
          ? reject(new Error(`error subscribing to topic ${metadata.topic}: ${error.message}`))
          : resolve(),
      ),
    );
    logger.info(`subscribed to topic ${metadata.topic} (qos: 1)`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopWaiting.abort();
  }

  async close(): Promise<void> {
    await this.stop();
    await this.current;
    const client = this.client;
    this.client = undefined;
    // No unsubscribe: the broker keeps the session's subscription and its unacknowledged messages.
    await client?.endAsync();
  }

  private async onMessage(
    handler: InputHandler,
    packet: IPublishPacket,
    done: (error?: Error) => void,
  ): Promise<void> {
    const maxRetries = this.metadata?.backOffMaxRetries ?? 0;
    const event = { data: new Uint8Array(packet.payload as Buffer), metadata: { topic: packet.topic } };
    for (let attempt = 0; ; attempt++) {
      // A message that comes after stop is left unacknowledged: it stays with the session.
      if (this.stopped) return done(new Error('binding is stopping'));
      try {
        await handler(event);
        return done();
      } catch (error) {
        if (this.stopped || (maxRetries >= 0 && attempt >= maxRetries)) {
          this.context.logger.error(
            { err: error },
            `failed processing MQTT message: ${packet.topic}/${packet.messageId ?? 0}`,
          );
          return done(error as Error);
        }
        this.context.logger.warn(
          `error processing MQTT message: ${packet.topic}/${packet.messageId ?? 0}; retrying`,
        );
        await sleep(this.context.clock, RETRY_WAIT_MS, this.stopWaiting.signal);
      }
    }
  }
}
