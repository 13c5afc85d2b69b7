export { mqtt3Binding } from './mqtt3-binding.js';
export { type Mqtt3Operation, mqtt3Operations } from './mqtt3-output.js';
