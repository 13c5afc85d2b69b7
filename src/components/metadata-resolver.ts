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
  /** Where warnings go (an `envRef` to a reserved variable, a secret that could not be read). */
  readonly logger?: Pick<Logger, 'warn' | 'error'>;
}

export interface ResolvedMetadata {
  readonly properties: Record<string, string>;
  /** One message per entry that could not be resolved, naming the field. */
  readonly issues: { readonly field: string; readonly message: string }[];
  /**
   * Set when a `secretKeyRef` needs a secret store that is not loaded (or `auth.secretStore` is
   * not set): the store's name, empty when none is named. Dapr parks such a component until the
   * store loads instead of failing; the component must not be initialized.
   */
  readonly parkedOn?: string;
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
      if (!envRefAllowed(entry.envRef, context.env)) {
        // Dapr warns and reads nothing: DAPR_* variables hold the sidecar's own secrets.
        context.logger?.warn(
          `metadata "${entry.name}": envRef ${entry.envRef} is not read (DAPR_* and APP_API_TOKEN are reserved; DAPR_ENV_KEYS, when set, lists the allowed ones); the value is empty`,
        );
        properties[entry.name] = '';
        continue;
      }
      // An unset variable reads as empty, as in Dapr; a required field then reports itself missing.
      set(entry.name, context.env[entry.envRef] ?? '');
    } else {
      const { name, key } = entry.secretKeyRef;
      const store = context.secretStores.get(spec.secretStore ?? '');
      if (store === undefined) return { properties, issues, parkedOn: spec.secretStore ?? '' };
      // As in Dapr, a secret that cannot be read, or lacks the key, leaves the value empty: an
      // optional field then takes its default, a required one reports itself missing.
      let value = '';
      try {
        value = (await store.getSecret(name))[key] ?? '';
      } catch (error) {
        context.logger?.error(
          `metadata "${entry.name}": cannot read secret ${name} from ${spec.secretStore}: ${(error as Error).message}`,
        );
      }
      if (value === '')
        context.logger?.warn(
          `metadata "${entry.name}": secret ${name} in ${spec.secretStore} has no value for key ${key}; the value is empty`,
        );
      set(entry.name, value);
    }
  }
  return { properties, issues };
}

/**
 * Which variables an `envRef` may read, as daprd decides: never a reserved one or a name with a
 * space; when DAPR_ENV_KEYS is set (Dapr's injector sets it), only the names it lists.
 */
function envRefAllowed(name: string, env: ResolveContext['env']): boolean {
  if (name === '' || name.includes(' ') || isReservedVariable(name)) return false;
  const allowList = env.DAPR_ENV_KEYS;
  if (allowList === undefined || allowList === '') return true;
  return allowList.split(' ').includes(name.toUpperCase());
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
