import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ComponentContext } from '../binding-component.js';
import { defineMetadata, type MetadataValues } from '../metadata-fields.js';
import { defineSecretStoreType, type SecretStore } from './secret-store.js';

const fields = defineMetadata({
  secretsFile: {
    type: 'string',
    required: true,
    description: 'Path of the JSON file holding the secrets (relative to the working directory).',
  },
  nestedSeparator: {
    type: 'string',
    default: ':',
    description: 'Joins the keys of nested JSON objects when the file is flattened.',
  },
  multiValued: {
    type: 'boolean',
    default: false,
    description:
      'When true, each top-level key is one secret whose nested keys are its values (flattened below that level).',
  },
});

type Secrets = Map<string, string | Record<string, string>>;

class LocalFileStore implements SecretStore<MetadataValues<typeof fields>> {
  private secrets: Secrets = new Map();
  private multiValued = false;

  constructor(private readonly context: ComponentContext) {}

  async init(metadata: MetadataValues<typeof fields>): Promise<void> {
    const file = resolve(metadata.secretsFile);
    const text = await readFile(file, 'utf8');
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new Error(`secrets file ${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (!isObject(document)) throw new Error(`secrets file ${file} must hold a JSON object`);
    this.multiValued = metadata.multiValued;
    this.secrets = metadata.multiValued
      ? multiValuedSecrets(document, metadata.nestedSeparator)
      : new Map(Object.entries(flatten(document, metadata.nestedSeparator)));
    this.context.logger.debug({ file, count: this.secrets.size }, 'secrets file loaded');
  }

  async getSecret(name: string): Promise<Record<string, string>> {
    const value = this.secrets.get(name);
    if (value === undefined) throw new Error(`secret ${name} not found`);
    return typeof value === 'string' ? { [name]: value } : { ...value };
  }

  features(): readonly string[] {
    return this.multiValued ? ['MULTIPLE_KEY_VALUES_PER_SECRET'] : [];
  }

  async close(): Promise<void> {}
}

function multiValuedSecrets(document: Record<string, unknown>, separator: string): Secrets {
  const secrets: Secrets = new Map();
  for (const [key, value] of Object.entries(document)) {
    if (typeof value === 'string') secrets.set(key, value);
    else if (isObject(value)) secrets.set(key, flatten(value, separator));
  }
  return secrets;
}

/** `{"a":{"b":"x"},"l":["y"]}` → `{"a:b":"x","l:0":"y"}` with `:` as the separator. */
function flatten(
  value: Record<string, unknown> | unknown[],
  separator: string,
  prefix = '',
): Record<string, string> {
  const out: Record<string, string> = {};
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  for (const [key, child] of entries) {
    const path = prefix === '' ? key : `${prefix}${separator}${key}`;
    if (isObject(child) || Array.isArray(child)) Object.assign(out, flatten(child, separator, path));
    else out[path] = child === null ? '' : String(child);
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `secretstores.local.file`: secrets from a JSON file, flattened or multi-valued as in Dapr. */
export const localFileSecretStore = defineSecretStoreType({
  type: 'secretstores.local.file',
  description: 'Secrets read from a local JSON file (for development).',
  metadata: fields,
  create: (context) => new LocalFileStore(context),
});
