// binderyjs/testing: what a test needs beyond `container.inject()` — an in-process request to
// any node:http listener, and a request binder compiled outside a container.

export type { BindSource } from '../binding/bind-source.js';
export { type Binder, compileBinder } from '../binding/compile-binder.js';
export { type InjectOptions, type InjectResponse, injectRequest } from '../service/inject-request.js';
