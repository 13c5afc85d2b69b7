import { withCode } from '../http/startup-error.js';
import { type InjectionKey, isInjectionKey } from '../inject/index.js';
import { ownMetadata } from './controller-metadata.js';
import { assertStandardContext } from './standard-decorator.js';

/**
 * Injects a dependency into a controller accessor: `@inject(Orders) accessor orders!: Orders`.
 * The value is set right after construction, so use constructor injection (`static inject`)
 * for what the constructor itself needs. Private accessors (`accessor #orders`) work too.
 */
export function inject<T>(
  key: InjectionKey<T>,
): <This extends object>(
  target: ClassAccessorDecoratorTarget<This, T>,
  context: ClassAccessorDecoratorContext<This, T>,
) => void {
  if (!isInjectionKey(key)) {
    throw withCode(
      new TypeError(`@inject(key): key must be a token or a class, got ${String(key)} (a circular import?)`),
      'BND_ERR_CONTROLLER',
    );
  }
  return (_target, context) => {
    assertStandardContext('@inject', context);
    const name = typeof context.name === 'symbol' ? (context.name.description ?? 'symbol') : context.name;
    if (context.static)
      throw withCode(
        new TypeError(`@inject cannot decorate static accessor ${name}: dependencies go to instances`),
        'BND_ERR_CONTROLLER',
      );
    ownMetadata(context).fields.push({
      name,
      key: key as InjectionKey<unknown>,
      write: (instance, value) => context.access.set(instance as never, value as T),
    });
  };
}
