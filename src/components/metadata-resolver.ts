import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ComponentSpec } from './component-spec.js';
import { isReservedVariable } from './secrets/local-env-store.js';
import type { SecretStore } from './secrets/secret-store.js';

export interface ResolveContext {
  readonly appId: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Initialized secret stores by name. */
  readonly secretStores: ReadonlyMap<string, SecretStore>;
  /** Where warnings go (an `envRef` to a reserved variable). */
  readonly logger?: Pick<Logger, 'warn'>;
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
  // Templates apply to every value, also those read from the environment or a secret, as in Dapr.
  const set = (field: string, value: string) => {
    const filled = fillTemplates(value, context);
    if (filled === undefined)
      issues.push({ field, message: 'uses {podName}, but the POD_NAME environment variable is not set' });
    else properties[field] = filled;
  };
  for (const entry of spec.metadata) {
    if ('value' in entry) {
      set(entry.name, entry.value);
    } else if ('envRef' in entry) {
      if (isReservedVariable(entry.envRef)) {
        // Dapr warns and reads nothing: DAPR_* variables hold the sidecar's own secrets.
        context.logger?.warn(
          `metadata "${entry.name}": envRef ${entry.envRef} is not read (DAPR_* variables are reserved); the value is empty`,
        );
        properties[entry.name] = '';
        continue;
      }
      // An unset variable reads as empty, as in Dapr; a required field then reports itself missing.
      set(entry.name, context.env[entry.envRef] ?? '');
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
        set(entry.name, value);
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

/**
 * Dapr's templates: `{uuid}` a fresh UUID, `{podName}` the POD_NAME variable (undefined when it
 * is not set: the field is then in error), `{namespace}` `<NAMESPACE or default>.<app id>`,
 * `{appID}` the app id.
 */
function fillTemplates(value: string, context: ResolveContext): string | undefined {
  if (!value.includes('{')) return value;
  const podName = context.env.POD_NAME;
  if (value.includes('{podName}') && (podName === undefined || podName === '')) return undefined;
  const namespace = `${context.env.NAMESPACE || 'default'}.${context.appId ?? ''}`;
  return value
    .replaceAll('{uuid}', () => randomUUID())
    .replaceAll('{podName}', () => podName ?? '')
    .replaceAll('{namespace}', () => namespace)
    .replaceAll('{appID}', () => context.appId ?? '');
}
