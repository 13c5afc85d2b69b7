import type { ComponentContext } from '../binding-component.js';
import { defineMetadata, type MetadataValues } from '../metadata-fields.js';
import { defineSecretStoreType, type SecretStore } from './secret-store.js';

const fields = defineMetadata({
  prefix: {
    type: 'string',
    description: 'Prepended to every secret name before the environment variable is read.',
  },
});

/** Variables the runtime itself uses; a component file must not be able to read them. */
export function isReservedVariable(name: string): boolean {
  const upper = name.toUpperCase();
  return upper.startsWith('DAPR_') || upper === 'APP_API_TOKEN';
}

class LocalEnvStore implements SecretStore<MetadataValues<typeof fields>> {
  private prefix = '';

  constructor(private readonly context: ComponentContext) {}

  async init(metadata: MetadataValues<typeof fields>): Promise<void> {
    this.prefix = metadata.prefix ?? '';
  }

  async getSecret(name: string): Promise<Record<string, string>> {
    const variable = this.prefix + name;
    if (isReservedVariable(variable)) {
      this.context.logger.warn(`access to environment variable ${variable} is forbidden`);
      return { [name]: '' };
    }
    return { [name]: this.context.env[variable] ?? '' };
  }

  features(): readonly string[] {
    return [];
  }

  async close(): Promise<void> {}
}

/** `secretstores.local.env`: each secret is the environment variable of the same name. */
export const localEnvSecretStore = defineSecretStoreType({
  type: 'secretstores.local.env',
  description: 'Secrets read from environment variables (DAPR_* and APP_API_TOKEN are refused).',
  metadata: fields,
  create: (context) => new LocalEnvStore(context),
});
