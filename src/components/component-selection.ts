import type { Logger } from 'pino';
import { type ComponentSpec, describeComponent } from './component-spec.js';

export interface SelectionContext {
  readonly appId: string | undefined;
  /** The NAMESPACE environment variable: only then does `metadata.namespace` count. */
  readonly namespace: string | undefined;
  /** A Configuration's `spec.components.deny`: `type` or `type/version` entries. */
  readonly denied?: readonly string[];
  readonly logger: Logger;
  /** Duplicate names are added here. */
  readonly problems: string[];
}

/** Drops other namespaces' components, reports duplicate names, drops out-of-scope and denied ones, then fills in unclaimed defaults. */
export function selectSpecs(
  all: readonly ComponentSpec[],
  defaults: readonly ComponentSpec[],
  context: SelectionContext,
): ComponentSpec[] {
  const { appId, namespace, logger, problems } = context;
  const denied = denyList(context.denied ?? []);
  // daprd's order: namespace, then duplicate names, then scopes. A name is taken only by a
  // component in scope, so a later duplicate of it is an error even when it is out of scope.
  const byName = new Map<string, ComponentSpec>();
  const selected: ComponentSpec[] = [];
  for (const spec of all) {
    if (
      namespace !== undefined &&
      namespace !== '' &&
      spec.namespace !== undefined &&
      spec.namespace !== namespace
    ) {
      logger.debug(`${describeComponent(spec)} skipped: namespace ${spec.namespace} is not ${namespace}`);
      continue;
    }
    const first = byName.get(spec.name);
    if (first !== undefined) {
      problems.push(
        `duplicate component name "${spec.name}": ${describeComponent(first)} and ${describeComponent(spec)}`,
      );
      continue;
    }
    if (spec.scopes.length > 0 && (appId === undefined || !spec.scopes.includes(appId))) {
      logger.debug(`${describeComponent(spec)} skipped: scoped to ${spec.scopes.join(', ')}`);
      continue;
    }
    byName.set(spec.name, spec);
    if (isDenied(denied, spec)) {
      logger.warn(
        `${describeComponent(spec)} cannot be loaded: components of type ${spec.type}/${spec.version} are denied by the configuration`,
      );
      continue;
    }
    selected.push(spec);
  }
  for (const spec of defaults) {
    if (!byName.has(spec.name)) {
      byName.set(spec.name, spec);
      selected.push(spec);
    }
  }
  return selected;
}

interface DeniedType {
  readonly type: string;
  readonly version: string;
}

function denyList(entries: readonly string[]): DeniedType[] {
  return entries
    .map((entry) => entry.split('/'))
    .filter((parts) => parts.length <= 2 && parts[0] !== '')
    .map(([type, version]) => ({ type: type!.toLowerCase(), version: version ?? '' }));
}

/** daprd's deny list: while one is in force, a component without a version is refused too. */
function isDenied(denied: readonly DeniedType[], spec: ComponentSpec): boolean {
  if (denied.length === 0) return false;
  if (spec.version === '') return true;
  return denied.some((d) => d.type === spec.type && (d.version === '' || d.version === spec.version));
}
