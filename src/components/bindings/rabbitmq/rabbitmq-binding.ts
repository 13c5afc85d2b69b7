import { defineBindingType } from '../../binding-component.js';
import { RabbitmqInput } from './rabbitmq-input.js';
import { rabbitmqFields } from './rabbitmq-metadata.js';
import { RabbitmqOutput, rabbitmqOperations } from './rabbitmq-output.js';

/** `bindings.rabbitmq`: publishes to one queue and consumes it (driver: amqplib). */
export const rabbitmqBinding = defineBindingType({
  type: 'bindings.rabbitmq',
  description: 'Publishes to and consumes one RabbitMQ queue.',
  operations: rabbitmqOperations,
  metadata: rabbitmqFields,
  fieldDirections: { prefetchCount: 'input', contentType: 'output' },
  create: (context) => new RabbitmqOutput(context),
  createInput: (context) => new RabbitmqInput(context),
  // Consumers of one queue share its messages, so every worker of `bindery serve` consumes.
  inputScope: 'worker',
});
