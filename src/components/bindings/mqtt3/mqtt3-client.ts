import type { IClientOptions, MqttClient } from 'mqtt';
import { loadDriver } from '../../driver-loader.js';
import { brokerUrl, MQTT_WAIT_MS, safeUrl } from './mqtt3-metadata.js';

/**
 * Connects a client and waits for the broker's answer (up to daprd's 10 s). A refused or
 * unreachable broker fails at once with the cause; afterwards mqtt.js reconnects by itself.
 * `setup` runs before any I/O: a resumed session's messages may come right after the
 * broker's answer, and must not meet the library's default handler (which acknowledges).
 */
export async function connectClient(
  url: string,
  options: IClientOptions,
  setup: (client: MqttClient) => void = () => {},
): Promise<MqttClient> {
  const mqtt = await loadDriver('bindings.mqtt3', 'mqtt', () => import('mqtt'));
  const client = mqtt.connect(brokerUrl(url), options);
  setup(client);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('mqtt client timed out connecting')), MQTT_WAIT_MS);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        client.off('connect', onConnect);
        client.off('error', onError);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onConnect = () => settle();
      const onError = (error: Error) => settle(error);
      client.on('connect', onConnect);
      client.on('error', onError);
    });
  } catch (error) {
    client.end(true);
    throw new Error(`failed to connect to ${safeUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  return client;
}
