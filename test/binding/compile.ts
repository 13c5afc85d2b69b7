import { type BindDeclaration, type BinderOptions, compileBinder } from '../../src/binding/index.js';
import { defaultReaders } from '../../src/http/readers/index.js';

const readers = defaultReaders();

/** A binder for a test route; the method is POST unless said otherwise. */
export function binderFor<D extends BindDeclaration>(declaration: D, options: Partial<BinderOptions> = {}) {
  return compileBinder(declaration, {
    route: options.route ?? 'POST /shops/{shopId}/orders',
    method: options.method ?? 'POST',
    pathParams: options.pathParams ?? ['shopId'],
    readers: options.readers ?? readers,
    ...options,
  });
}
