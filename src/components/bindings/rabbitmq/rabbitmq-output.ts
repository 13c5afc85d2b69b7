import type { ConfirmChannel, Options } from 'amqplib';
import type {
  ComponentContext,
  InvokeRequest,
  InvokeResponse,
  OutputBinding,
} from '../../binding-component.js';
import { parseGoDuration } from '../../metadata-values.js';
import { RabbitmqConnection } from './rabbitmq-connection.js';
import type { RabbitmqMetadata } from './rabbitmq-metadata.js';

export const rabbitmqOperations = ['create'] as const;
export type RabbitmqOperation = (typeof rabbitmqOperations)[number];

/**
 * Publishes to the queue. Every request metadata entry is also an AMQP header, as in Dapr;
 * `ttl`/`ttlInSeconds`, `priority`, `contentType`, `messageID`, `correlationID` and `type`
 * set the message's properties. Publishing waits for the broker's confirm.
 */
export class RabbitmqOutput implements OutputBinding<RabbitmqOperation, RabbitmqMetadata> {
  private connection: RabbitmqConnection<ConfirmChannel> | undefined;
  private metadata: RabbitmqMetadata | undefined;

  constructor(private readonly context: ComponentContext) {}

  async init(metadata: RabbitmqMetadata): Promise<void> {
    this.metadata = metadata;
    this.connection = new RabbitmqConnection<ConfirmChannel>(
      this.context,
      metadata,
      'output',
      async () => {},
    );
    await this.connection.open();
  }

  operations(): readonly RabbitmqOperation[] {
    return rabbitmqOperations;
  }

  async invoke(request: InvokeRequest<RabbitmqOperation>): Promise<InvokeResponse | null> {
    const channel = this.connection?.current;
    const metadata = this.metadata;
    if (channel === undefined || metadata === undefined) throw new Error('channel/connection is not open');
    const options = publishOptions(request.metadata, metadata.contentType);
    const body = Buffer.from(request.data.buffer, request.data.byteOffset, request.data.byteLength);
    await new Promise<void>((resolve, reject) => {
      channel.sendToQueue(metadata.queueName, body, options, (error: unknown) =>
        error == null ? resolve() : reject(new Error(`failed to publish message: ${String(error)}`)),
      );
    });
    return null;
  }

  async close(): Promise<void> {
    await this.connection?.close();
  }
}

function publishOptions(metadata: Readonly<Record<string, string>>, contentType: string): Options.Publish {
  const options: Options.Publish = { persistent: true, contentType, headers: { ...metadata } };
  const ttl = property(metadata, 'ttl') ?? property(metadata, 'ttlInSeconds');
  if (ttl !== undefined) options.expiration = String(Math.max(0, Math.trunc(parseTtl(ttl))));
  const priority = metadata.priority;
  if (priority !== undefined && priority !== '') {
    if (!/^[+-]?\d+$/.test(priority.trim()))
      throw new Error(`priority value must be a valid integer: actual is '${priority}'`);
    options.priority = Math.min(Math.max(Number(priority), 0), 255);
  }
  const set = (key: string, apply: (value: string) => void) => {
    const value = property(metadata, key);
    if (value !== undefined) apply(value);
  };
  set('contentType', (v) => (options.contentType = v));
  set('messageID', (v) => (options.messageId = v));
  set('correlationID', (v) => (options.correlationId = v));
  set('type', (v) => (options.type = v));
  return options;
}

/** Dapr's TryGetTTL: a Go duration, or whole seconds that must be positive; in milliseconds. */
function parseTtl(value: string): number {
  const duration = parseGoDuration(value);
  if (duration !== undefined) return duration;
  if (!/^[+-]?\d+$/.test(value.trim()))
    throw new Error(`ttl value must be a valid integer: actual is '${value}'`);
  const seconds = Number(value);
  if (seconds <= 0) throw new Error(`ttl value must be higher than zero: actual is '${seconds}'`);
  return seconds * 1000;
}

/** A request metadata value by key: the exact key first, then any case, as Dapr looks it up. */
function property(metadata: Readonly<Record<string, string>>, key: string): string | undefined {
  const exact = metadata[key];
  if (exact !== undefined && exact !== '') return exact;
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(metadata)) if (v !== '' && k.toLowerCase() === lower) return v;
  return undefined;
}
