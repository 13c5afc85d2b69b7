import type { MqttClient } from 'mqtt';
import type {
  ComponentContext,
  InvokeRequest,
  InvokeResponse,
  OutputBinding,
} from '../../binding-component.js';
import { sleep } from '../../clock.js';
import { connectClient } from './mqtt3-client.js';
import { clientOptions, MQTT_WAIT_MS, type Mqtt3Metadata } from './mqtt3-metadata.js';

export const mqtt3Operations = ['create'] as const;
export type Mqtt3Operation = (typeof mqtt3Operations)[number];

/** Publish attempts after the first, 200 ms apart: daprd's guard against a publish lost in a reconnect. */
const PUBLISH_RETRIES = 3;
const PUBLISH_RETRY_WAIT_MS = 200;

/**
 * Publishes with QoS 1 as `<consumerID>-producer`, to the request's `topic` or the
 * component's. As in Dapr the connection is made on the first call, so a broker that is down
 * at start-up fails that call (`failed to create producer connection: …`), not the app.
 */
export class Mqtt3Output implements OutputBinding<Mqtt3Operation, Mqtt3Metadata> {
  private metadata: Mqtt3Metadata | undefined;
  private producer: Promise<MqttClient> | undefined;
  private closed = false;

  constructor(private readonly context: ComponentContext) {}

  async init(metadata: Mqtt3Metadata): Promise<void> {
    this.metadata = metadata;
  }

  operations(): readonly Mqtt3Operation[] {
    return mqtt3Operations;
  }

  async invoke(request: InvokeRequest<Mqtt3Operation>): Promise<InvokeResponse | null> {
    const metadata = this.metadata;
    if (metadata === undefined || this.closed) throw new Error('mqtt client closed');
    const client = await this.connect(metadata);
    const topic = request.metadata.topic || metadata.topic;
    const payload = Buffer.from(request.data.buffer, request.data.byteOffset, request.data.byteLength);
    for (let attempt = 0; ; attempt++) {
      try {
        await withTimeout(client.publishAsync(topic, payload, { qos: 1, retain: metadata.retain }));
        return null;
      } catch (error) {
        if (attempt >= PUBLISH_RETRIES || request.signal.aborted)
          throw new Error(`failed to publish: ${(error as Error).message}`, { cause: error });
        await sleep(this.context.clock, PUBLISH_RETRY_WAIT_MS, request.signal);
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const producer = this.producer;
    this.producer = undefined;
    const client = await producer?.catch(() => undefined);
    await client?.endAsync();
  }

  private connect(metadata: Mqtt3Metadata): Promise<MqttClient> {
    this.producer ??= connectClient(
      metadata.url,
      clientOptions(metadata, `${metadata.consumerID}-producer`),
    ).then(
      (client) => {
        client.on('error', (error) => this.context.logger.debug({ err: error }, 'mqtt producer error'));
        return client;
      },
      (error: unknown) => {
        // The next call tries again.
        this.producer = undefined;
        throw new Error(`failed to create producer connection: ${(error as Error).message}`, {
          cause: error,
        });
      },
    );
    return this.producer;
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('mqtt client timeout')), MQTT_WAIT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}
