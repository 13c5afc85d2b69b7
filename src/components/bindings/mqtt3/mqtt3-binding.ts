import { defineBindingType } from '../../binding-component.js';
import { Mqtt3Input } from './mqtt3-input.js';
import { mqtt3Fields } from './mqtt3-metadata.js';
import { Mqtt3Output, mqtt3Operations } from './mqtt3-output.js';

/** `bindings.mqtt3` (also `bindings.mqtt`): publishes to and subscribes to an MQTT 3.1.1 topic (driver: mqtt). */
export const mqtt3Binding = defineBindingType({
  type: 'bindings.mqtt3',
  aliases: ['bindings.mqtt'],
  description: 'Publishes to and subscribes to an MQTT topic (QoS 1).',
  operations: mqtt3Operations,
  metadata: mqtt3Fields,
  fieldDirections: { retain: 'output', backOffMaxRetries: 'input' },
  create: (context) => new Mqtt3Output(context),
  createInput: (context) => new Mqtt3Input(context),
});
