import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ComponentSpec } from './component-spec.js';
import { isReservedVariable } from './secrets/local-env-store.js';
import type { SecretStore } from './secrets/secret-store.js';

export interface ResolveContext {
  readonly appId: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Initialized secret stores by name. */
  readonly secretStores: ReadonlyMap<string, SecretStore>;
}

export interface ResolvedMetadata {
  readonly properties: Record<string, string>;
  /** One message per entry that could not be resolved, naming the field. */
  readonly issues: { readonly field: string; readonly message: string }[];
}

/**
 * Turns a component's metadata entries into plain strings: values with their `{uuid}`,
 * `{podName}`, `{namespace}` and `{appID}` templates filled in, `envRef` read from the
 * environment (never `DAPR_*`), `secretKeyRef` read from the component's `auth.secretStore`.
 */
export async function resolveMetadata(
  spec: ComponentSpec,
  context: ResolveContext,
): Promise<ResolvedMetadata> {
  const properties: Record<string, string> = {};
  const issues: { field: string; message: string }[] = [];
  for (const entry of spec.metadata) {
    if ('value' in entry) {
      properties[entry.name] = fillTemplates(entry.value, context);
    } else if ('envRef' in entry) {
      if (isReservedVariable(entry.envRef)) {
        issues.push({
          field: entry.name,
          message: `envRef ${entry.envRef} is refused: DAPR_* variables are reserved`,
        });
        continue;
      }
      // An unset variable reads as empty, as in Dapr; a required field then reports itself missing.
      properties[entry.name] = context.env[entry.envRef] ?? '';
    } else {
      const { name, key } = entry.secretKeyRef;
      if (spec.secretStore === undefined) {
        issues.push({
          field: entry.name,
          message: `secretKeyRef ${name} needs auth.secretStore, which is not set`,
        });
        continue;
      }
      const store = context.secretStores.get(spec.secretStore);
      if (store === undefined) {
        issues.push({ field: entry.name, message: `secret store ${spec.secretStore} is not loaded` });
        continue;
      }
      try {
        const secret = await store.getSecret(name);
        const value = secret[key];
        if (value === undefined) {
          issues.push({
            field: entry.name,
            message: `secret ${name} in ${spec.secretStore} has no key ${key}`,
          });
          continue;
        }
        properties[entry.name] = value;
      } catch (error) {
        issues.push({
          field: entry.name,
          message: `cannot read secret ${name} from ${spec.secretStore}: ${(error as Error).message}`,
        });
      }
    }
  }
  return { properties, issues };
}

function fillTemplates(value: string, context: ResolveContext): string {
  if (!value.includes('{')) return value;
  return value
    .replaceAll('{uuid}', () => randomUUID())
    .replaceAll('{podName}', () => context.env.POD_NAME ?? hostname())
    .replaceAll('{namespace}', () => context.env.NAMESPACE ?? '')
    .replaceAll('{appID}', () => context.appId ?? '');
}
