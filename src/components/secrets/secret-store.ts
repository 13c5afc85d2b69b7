import type { ComponentContext } from '../binding-component.js';
import type { MetadataFields, MetadataValues } from '../metadata-fields.js';

/** A secret store instance: resolves `secretKeyRef` entries of other components. */
export interface SecretStore<M = unknown> {
  init(metadata: M): Promise<void>;
  /** The secret's key/value map; a single-valued store answers `{ [name]: value }`. */
  getSecret(name: string): Promise<Record<string, string>>;
  /** Dapr feature names, reported as capabilities in `/v1.0/metadata`. */
  features(): readonly string[];
  close(): Promise<void>;
}

/** A secret store type (`secretstores.local.file`), declared like a binding component type. */
export interface SecretStoreType<F extends MetadataFields = MetadataFields> {
  readonly type: string;
  readonly description: string;
  readonly metadata: F;
  create(context: ComponentContext): SecretStore<MetadataValues<F>>;
}

export type AnySecretStoreType = SecretStoreType<MetadataFields>;

export function defineSecretStoreType<const F extends MetadataFields>(
  type: SecretStoreType<F>,
): SecretStoreType<F> {
  return type;
}
