import { defineMetadata, type MetadataValues } from '../../metadata-fields.js';

/** Dapr's `bindings.rabbitmq` fields, with its names and defaults. */
export const rabbitmqFields = defineMetadata({
  host: {
    type: 'string',
    required: true,
    sensitive: true,
    description: 'The AMQP URL: `amqp://user:password@host:5672/vhost` (or `amqps://`).',
  },
  queueName: { type: 'string', required: true, description: 'The queue to publish to and consume from.' },
  durable: {
    type: 'boolean',
    default: false,
    description: 'Declare the queue durable (it survives a broker restart).',
  },
  deleteWhenUnused: {
    type: 'boolean',
    default: false,
    description: 'Declare the queue auto-delete (gone once its last consumer leaves).',
  },
  exclusive: {
    type: 'boolean',
    default: false,
    description: 'Declare the queue exclusive to its connection.',
  },
  ttl: {
    type: 'duration',
    aliases: ['ttlInSeconds'],
    description:
      'Queue-level message time to live (`60s`, or whole seconds); messages never expire without it.',
  },
  maxPriority: {
    type: 'integer',
    description: 'Makes a priority queue with priorities up to this value (1-255; above 255 counts as 255).',
  },
  prefetchCount: {
    type: 'integer',
    default: 0,
    description:
      'Unacknowledged messages the broker may send ahead (0: no limit of its own; the in-flight limit still applies).',
  },
  contentType: {
    type: 'string',
    default: 'text/plain',
    description: 'Content type of published messages, unless the request metadata gives one.',
  },
  reconnectWaitInSeconds: {
    type: 'duration',
    default: 5000,
    description:
      'Wait before reconnecting after the connection or channel is lost (whole seconds or a duration).',
  },
  caCert: { type: 'string', description: 'PEM CA certificate for an `amqps://` host.' },
  clientCert: { type: 'string', description: 'PEM client certificate (mutual TLS).' },
  clientKey: { type: 'string', sensitive: true, description: 'PEM key of the client certificate.' },
  externalSasl: {
    type: 'boolean',
    default: false,
    description:
      'Authenticate with SASL EXTERNAL (the TLS client certificate) instead of the URL credentials.',
  },
});

export type RabbitmqMetadata = MetadataValues<typeof rabbitmqFields>;

/** The queue declaration both directions make, so neither fails on the other's arguments. */
export function queueOptions(metadata: RabbitmqMetadata): {
  durable: boolean;
  autoDelete: boolean;
  exclusive: boolean;
  arguments: Record<string, number>;
} {
  const args: Record<string, number> = {};
  if (metadata.ttl !== undefined) args['x-message-ttl'] = Math.trunc(metadata.ttl);
  if (metadata.maxPriority !== undefined)
    args['x-max-priority'] = Math.min(Math.max(metadata.maxPriority, 0), 255);
  return {
    durable: metadata.durable,
    autoDelete: metadata.deleteWhenUnused,
    exclusive: metadata.exclusive,
    arguments: args,
  };
}

/** The host URL without its password, for messages. */
export function safeHost(host: string): string {
  try {
    const url = new URL(host);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return 'the configured host';
  }
}
