import type { ParamValue } from './macros.js';

/** Builds one route's params object from the values a walk collected, by position. */
export type ParamsFactory = (values: readonly unknown[]) => Record<string, ParamValue>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A params builder for one route. Where the runtime allows it, it is a generated object literal
 * with the route's names as constant keys: every params object of the route then has one shape
 * from birth, several times cheaper than adding properties by computed name. The names are
 * plain identifiers (the template parser allows nothing else), so the generated source cannot
 * carry anything but property names. `empty` names are given '' (an optional tail left out).
 */
export function paramsFactory(names: readonly string[], empty: readonly string[] = []): ParamsFactory {
  // Routes of one table mostly share their names (`id`, `item`): one factory serves them all, and
  // registering thousands of routes compiles a handful of functions.
  const key = `${names.join(',')}|${empty.join(',')}`;
  let factory = FACTORIES.get(key);
  if (factory === undefined) {
    factory = build(names, empty);
    FACTORIES.set(key, factory);
  }
  return factory;
}

const FACTORIES = new Map<string, ParamsFactory>();

function build(names: readonly string[], empty: readonly string[]): ParamsFactory {
  if ([...names, ...empty].every((name) => IDENTIFIER.test(name) && name !== '__proto__')) {
    const fields = [
      ...names.map((name, i) => `${name}: values[${i}]`),
      ...empty.map((name) => `${name}: ''`),
    ].join(', ');
    try {
      return new Function('values', `return { ${fields} };`) as ParamsFactory;
    } catch {
      // Code generation is disabled (--disallow-code-generation-from-strings): build by name.
    }
  }
  return (values) => {
    const params: Record<string, ParamValue> = {};
    for (let i = 0; i < names.length; i++) params[names[i]!] = values[i] as ParamValue;
    for (const name of empty) params[name] = '';
    return params;
  };
}
