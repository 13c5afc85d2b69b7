import { StartupError } from '../http/startup-error.js';
import type { AnyBindingComponentType } from './binding-component.js';
import { builtInBindings } from './bindings/index.js';
import { type AnySecretStoreType, builtInSecretStores } from './secrets/index.js';

/** The component types a runtime can instantiate, by lowercased `spec.type` (aliases included). */
export class ComponentTypes {
  private readonly bindingTypes = new Map<string, AnyBindingComponentType>();
  private readonly storeTypes = new Map<string, AnySecretStoreType>();

  constructor(
    bindings: readonly AnyBindingComponentType[] = builtInBindings,
    secretStores: readonly AnySecretStoreType[] = builtInSecretStores,
  ) {
    for (const type of bindings) this.addBinding(type);
    for (const type of secretStores) this.addSecretStore(type);
  }

  /** Adds a binding type; a name (or alias) that is already taken is an error. */
  addBinding(type: AnyBindingComponentType): this {
    for (const name of [type.type, ...(type.aliases ?? [])]) {
      const key = name.toLowerCase();
      const existing = this.bindingTypes.get(key);
      if (existing !== undefined && existing !== type)
        throw new StartupError('BND_ERR_COMPONENT_LOAD', `binding type ${key} is already registered`);
      this.bindingTypes.set(key, type);
    }
    return this;
  }

  addSecretStore(type: AnySecretStoreType): this {
    const key = type.type.toLowerCase();
    const existing = this.storeTypes.get(key);
    if (existing !== undefined && existing !== type)
      throw new StartupError('BND_ERR_COMPONENT_LOAD', `secret store type ${key} is already registered`);
    this.storeTypes.set(key, type);
    return this;
  }

  binding(type: string): AnyBindingComponentType | undefined {
    return this.bindingTypes.get(type.toLowerCase());
  }

  secretStore(type: string): AnySecretStoreType | undefined {
    return this.storeTypes.get(type.toLowerCase());
  }

  /** Each binding type once (aliases folded), in registration order. */
  bindings(): AnyBindingComponentType[] {
    return [...new Set(this.bindingTypes.values())];
  }

  secretStores(): AnySecretStoreType[] {
    return [...this.storeTypes.values()];
  }
}
