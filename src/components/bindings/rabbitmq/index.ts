export { rabbitmqBinding } from './rabbitmq-binding.js';
export { type RabbitmqOperation, rabbitmqOperations } from './rabbitmq-output.js';
