import { type DepsTuple, type InjectionKey, Provider } from '../inject/index.js';
import type { ControllerScope } from './activation.js';
import type { FieldInjection } from './controller-metadata.js';

/** A controller's dependencies in the order its provider receives them, named for errors. */
export function controllerDependencies(
  ctorDeps: DepsTuple,
  fields: readonly FieldInjection[],
): { readonly label: string; readonly key: InjectionKey<unknown> }[] {
  return [
    ...ctorDeps.map((key, i) => ({ label: `constructor argument ${i + 1}`, key })),
    ...fields.map((field) => ({ label: `field ${field.name}`, key: field.key })),
  ];
}

/**
 * The controller as an ordinary provider: constructor dependencies first, then the `@inject`
 * accessors, set right after construction. Being a provider is what lets the graph check name
 * the controller in its chains and settle its `auto` scope like any other.
 */
export function controllerProvider<C extends object>(
  Controller: abstract new (...args: never[]) => C,
  ctorDeps: DepsTuple,
  fields: readonly FieldInjection[],
  scope: ControllerScope,
): Provider<C> {
  const Ctor = Controller as unknown as new (...args: unknown[]) => C;
  const arity = ctorDeps.length;
  const dependencies = controllerDependencies(ctorDeps, fields);
  return new Provider<C>('class', scope, {
    deps: dependencies.map((d) => d.key),
    labels: dependencies.map((d) => d.label),
    build: (args) => {
      const instance = new Ctor(...args.slice(0, arity));
      for (let i = 0; i < fields.length; i++) (fields[i] as FieldInjection).write(instance, args[arity + i]);
      return instance;
    },
    dispose: undefined,
    arity: undefined,
  });
}
