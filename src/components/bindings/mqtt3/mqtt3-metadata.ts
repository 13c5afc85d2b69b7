import { defineMetadata, type MetadataValues } from '../../metadata-fields.js';

/** Dapr's `bindings.mqtt3` fields, with the defaults its code applies. */
export const mqtt3Fields = defineMetadata({
  url: {
    type: 'string',
    required: true,
    sensitive: true,
    description:
      'Broker URL: `tcp://` or `mqtt://host:1883`, `ssl://`, `tls://`, `tcps://` or `mqtts://host:8883`; user and password may be in it.',
  },
  topic: {
    type: 'string',
    required: true,
    description: 'Topic to subscribe to, and to publish to when the request names none.',
  },
  consumerID: {
    type: 'string',
    required: true,
    description:
      'Client id base: the subscriber connects as `<consumerID>-consumer`, the publisher as `<consumerID>-producer`.',
  },
  retain: { type: 'boolean', default: false, description: 'Publish with the retain flag.' },
  cleanSession: {
    type: 'boolean',
    default: false,
    description:
      'Start a clean session; the default keeps the session, so messages sent while disconnected wait in the broker.',
  },
  backOffMaxRetries: {
    type: 'integer',
    default: 3,
    description: 'Deliveries retried (5 s apart) after the app refused a message; -1 retries forever.',
  },
  caCert: { type: 'string', description: 'PEM CA certificate for a TLS broker.' },
  clientCert: { type: 'string', description: 'PEM client certificate (mutual TLS).' },
  clientKey: { type: 'string', sensitive: true, description: 'PEM key of the client certificate.' },
});

export type Mqtt3Metadata = MetadataValues<typeof mqtt3Fields>;

/** daprd's fixed wait for a connect, a subscribe or a publish. */
export const MQTT_WAIT_MS = 10_000;

/** The broker URL mqtt.js understands: Dapr's `tcp://` and `ssl://` schemes mapped to `mqtt://` and `mqtts://`. */
export function brokerUrl(url: string): string {
  const match = /^([a-z]+):\/\//i.exec(url);
  const scheme = match?.[1]?.toLowerCase();
  const rest = match === null ? url : url.slice(match[0].length);
  if (scheme === 'mqtts' || scheme === 'ssl' || scheme === 'tls' || scheme === 'tcps')
    return `mqtts://${rest}`;
  if (scheme === 'ws' || scheme === 'wss') return url;
  return `mqtt://${rest}`;
}

/** Connection options both directions share. */
export function clientOptions(metadata: Mqtt3Metadata, clientId: string) {
  return {
    clientId,
    clean: metadata.cleanSession,
    protocolVersion: 4 as const,
    connectTimeout: MQTT_WAIT_MS,
    reconnectPeriod: 1000,
    ...(metadata.caCert === undefined ? {} : { ca: metadata.caCert }),
    ...(metadata.clientCert === undefined ? {} : { cert: metadata.clientCert }),
    ...(metadata.clientKey === undefined ? {} : { key: metadata.clientKey }),
  };
}

/** The URL without its password, for messages. */
export function safeUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
